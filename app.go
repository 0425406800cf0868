package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"time"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/runtime"

	"tenantlens/backend/bridge"
	"tenantlens/backend/cli"
	"tenantlens/backend/config"
	"tenantlens/backend/doctor"
	"tenantlens/backend/events"
	"tenantlens/backend/services"
)

// App owns the Wails lifecycle and exposes thin bound methods; the work is
// done by backend/services so the CLI shows the same numbers.
type App struct {
	ctx context.Context
	opt cli.WindowOptions
	svc *services.Services
	err error // start-up failure shown by the UI instead of a blank window
}

// AppInfo is what the shell shows in its header and About box.
type AppInfo struct {
	Version  string `json:"version"`
	Demo     bool   `json:"demo"`
	DataDir  string `json:"dataDir"`
	StartErr string `json:"startErr"`
}

const (
	keyWinW = "window.width"
	keyWinH = "window.height"
	keyWinX = "window.x"
	keyWinY = "window.y"
)

func runWindow(opt cli.WindowOptions) error {
	app := &App{opt: opt}
	ctx := context.Background()
	app.svc, app.err = services.Open(ctx, services.Options{Home: opt.Home, Demo: opt.Demo, KeychainService: opt.KeychainService, Override: opt.Override})
	if errors.Is(app.err, nil) && opt.Prepare != nil {
		app.err = opt.Prepare(ctx, app.svc)
	}
	if opt.Cleanup != nil {
		defer opt.Cleanup()
	}
	if app.svc != nil {
		defer app.svc.Close()
	}
	w, h := 1280, 800
	if app.svc != nil {
		w = app.intSetting(keyWinW, w)
		h = app.intSetting(keyWinH, h)
	}
	title := "TenantLens"
	if opt.Demo {
		title = "TenantLens — Demo data"
	}
	bound := bridge.New(app.core, func() context.Context { return app.ctx }, bridge.Options{OpenURL: app.openURL, SaveDialog: app.saveDialog, OpenDialog: app.openDialog})
	return wails.Run(&options.App{
		Title:            title,
		Width:            w,
		Height:           h,
		MinWidth:         960,
		MinHeight:        600,
		AssetServer:      &assetserver.Options{Assets: assets},
		BackgroundColour: &options.RGBA{R: 250, G: 250, B: 250, A: 1},
		OnStartup:        app.startup,
		OnDomReady:       app.domReady,
		OnBeforeClose:    app.beforeClose,
		Bind:             append([]interface{}{app}, bound.All()...),
	})
}

// domReady runs once the web view has loaded the page: WebKit's
// JavaScriptCore has installed its signal handlers by then, without
// SA_ONSTACK, which makes the Go runtime abort on a signal ("non-Go code
// set up signal handler without SA_ONSTACK flag"); Wails re-flags them.
func (a *App) domReady(context.Context) { runtime.ResetSignalHandlers() }

func (a *App) startup(ctx context.Context) {
	runtime.ResetSignalHandlers()
	a.ctx = ctx
	if a.svc == nil {
		return
	}
	a.svc.Bus.SetTarget(events.NewThrottle(events.NewRuntime(ctx, events.RuntimeFuncs{Emit: runtime.EventsEmit, On: runtime.EventsOn}), 150*time.Millisecond, nil))
	a.svc.Sync.Listen(a.svc.Bus)
	a.svc.Sync.Start(ctx) // automatic sync while the window is open
	go a.maintain(ctx)
	if x, y := a.intSetting(keyWinX, -1), a.intSetting(keyWinY, -1); x >= 0 && y >= 0 {
		runtime.WindowSetPosition(ctx, x, y)
	}
}

// maintain applies history retention at start and daily while open.
func (a *App) maintain(ctx context.Context) {
	t := time.NewTicker(24 * time.Hour)
	defer t.Stop()
	for {
		if err := a.svc.Maintain(ctx); err != nil && ctx.Err() == nil {
			fmt.Fprintln(os.Stderr, "tenantlens: history retention:", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// beforeClose remembers the window's size and position.
func (a *App) beforeClose(ctx context.Context) bool {
	if a.svc == nil {
		return false
	}
	w, h := runtime.WindowGetSize(ctx)
	x, y := runtime.WindowGetPosition(ctx)
	for k, v := range map[string]int{keyWinW: w, keyWinH: h, keyWinX: x, keyWinY: y} {
		if v > 0 || (k == keyWinX || k == keyWinY) && v >= 0 {
			a.svc.Store.SetSetting(ctx, k, strconv.Itoa(v))
		}
	}
	return false
}

func (a *App) intSetting(key string, def int) int {
	v, ok, err := a.svc.Store.Setting(context.Background(), key)
	if err != nil || !ok {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return def
	}
	return n
}

func (a *App) ready() error {
	if a.err != nil {
		return a.err
	}
	if a.svc == nil {
		return fmt.Errorf("TenantLens is still starting")
	}
	return nil
}

// openURL opens a link in the system browser. Wails gives no error when
// that fails, so the UI always shows the link with a Copy button as well.
func (a *App) openURL(url string) error {
	if a.ctx == nil {
		return fmt.Errorf("the window is not ready")
	}
	runtime.BrowserOpenURL(a.ctx, url)
	return nil
}

// saveDialog asks where to save an export.
func (a *App) saveDialog(defaultName, title string) (string, error) {
	if a.ctx == nil {
		return "", fmt.Errorf("the window is not ready")
	}
	return runtime.SaveFileDialog(a.ctx, runtime.SaveDialogOptions{DefaultFilename: defaultName, Title: title})
}

// openDialog asks for a file to open (an import).
func (a *App) openDialog(title, label, pattern string) (string, error) {
	if a.ctx == nil {
		return "", fmt.Errorf("the window is not ready")
	}
	return runtime.OpenFileDialog(a.ctx, runtime.OpenDialogOptions{Title: title,
		Filters: []runtime.FileFilter{{DisplayName: label, Pattern: pattern}}})
}

// core hands the composed services to the bound services.
func (a *App) core() (*services.Services, error) {
	if err := a.ready(); err != nil {
		return nil, err
	}
	return a.svc, nil
}

// Info describes this running app.
func (a *App) Info() (AppInfo, error) {
	info := AppInfo{Version: config.Version, Demo: a.opt.Demo}
	if a.err != nil {
		info.StartErr = a.err.Error()
	}
	if a.svc != nil {
		info.DataDir = a.svc.Config().Home
	}
	return info, nil
}

// LaunchDemo starts a second TenantLens on the built-in demo MSP (its own
// data folder and keychain entries), leaving this window as it is.
func (a *App) LaunchDemo() error {
	if a.opt.Demo {
		return fmt.Errorf("this window already shows the demo")
	}
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	cmd := exec.Command(exe, "demo")
	cmd.Env = os.Environ()
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("starting the demo: %w", err)
	}
	go cmd.Wait()
	return nil
}

// EventNames gives the UI the event-name constants.
func (a *App) EventNames() (events.Names, error) { return events.AllNames(), nil }

// Doctor runs the machine checks.
func (a *App) Doctor() (doctor.Report, error) {
	if err := a.ready(); err != nil {
		return doctor.Report{}, err
	}
	return a.svc.Doctor(a.ctx), nil
}
