Unicode true
# TenantLens for Windows: a per-user installer (no administrator rights).
#
# Built by `make package-windows` (scripts/package-windows.sh), which passes:
#   -DVERSION=1.2.3               numeric release version (wails.json info.productVersion)
#   -DAPP_BINARY=<tenantlens.exe> the cross-built Wails binary
#   -DWEBVIEW2_SETUP=<exe>        Microsoft's WebView2 bootstrapper (shipped inside the Wails module)
#   -DOUTFILE=<installer.exe>     where to write the installer
# Relative paths below are relative to this folder (makensis changes into it).
#
# What it does:
#   - installs tenantlens.exe into %LOCALAPPDATA%\Programs\TenantLens
#   - a Start-menu entry (and, if ticked, a desktop shortcut)
#   - registers the uninstaller in Add/Remove Programs (HKCU, this user only)
#   - installs the WebView2 runtime first when Windows does not have it
# The uninstaller removes the program and shortcuts. The user's data — the
# database, settings and logs in %APPDATA%\TenantLens and the window's saved
# views in %APPDATA%\tenantlens.exe (WebView2 profile) — is KEPT unless the
# user ticks "Also delete my TenantLens data" (or passes /DELETEDATA to a
# silent uninstall: uninstall.exe /S /DELETEDATA).

!ifndef VERSION
  !error "VERSION is not set: build the installer with make package-windows"
!endif
!ifndef APP_BINARY
  !error "APP_BINARY is not set: build the installer with make package-windows"
!endif
!ifndef WEBVIEW2_SETUP
  !error "WEBVIEW2_SETUP is not set: build the installer with make package-windows"
!endif
!ifndef OUTFILE
  !define OUTFILE "..\..\bin\TenantLens-${VERSION}-amd64-installer.exe"
!endif

!define PRODUCT_NAME "TenantLens"
!define COMPANY_NAME "TenantLens"
!define PRODUCT_EXE  "tenantlens.exe"
!define UNINST_KEY   "Software\Microsoft\Windows\CurrentVersion\Uninstall\TenantLens"
# os.UserConfigDir()/TenantLens on Windows (backend/store DataDir).
!define DATA_DIR     "$APPDATA\TenantLens"
# WebView2's profile for the window (Wails' default: %APPDATA%\<exe name>).
!define WEBVIEW_DIR  "$APPDATA\${PRODUCT_EXE}"

!include "MUI2.nsh"
!include "x64.nsh"
!include "WinVer.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"

Name "${PRODUCT_NAME}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${PRODUCT_NAME}"
InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"
RequestExecutionLevel user
ManifestDPIAware true
SetCompressor /SOLID lzma
ShowInstDetails show
ShowUninstDetails show
BrandingText "${PRODUCT_NAME} ${VERSION}"

# The installer's own file properties (a 4-part numeric version).
VIProductVersion "${VERSION}.0"
VIFileVersion    "${VERSION}.0"
VIAddVersionKey "CompanyName"     "${COMPANY_NAME}"
VIAddVersionKey "FileDescription" "${PRODUCT_NAME} ${VERSION} installer"
VIAddVersionKey "ProductName"     "${PRODUCT_NAME}"
VIAddVersionKey "ProductVersion"  "${VERSION}"
VIAddVersionKey "FileVersion"     "${VERSION}"
VIAddVersionKey "LegalCopyright"  "Copyright © TenantLens contributors"

!define MUI_ICON "..\icon.ico"
!define MUI_UNICON "..\icon.ico"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\${PRODUCT_EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "Open ${PRODUCT_NAME}"
!define MUI_COMPONENTSPAGE_NODESC

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!define MUI_UNCOMPONENTSPAGE_TEXT_TOP "${PRODUCT_NAME} will be removed. Your tenants' data, settings and saved views are kept (for a reinstall) unless you tick $\"Also delete my TenantLens data$\"."
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "English"

Function .onInit
  ${IfNot} ${AtLeastWin10}
    MessageBox MB_OK|MB_ICONSTOP "${PRODUCT_NAME} needs Windows 10 or later." /SD IDOK
    SetErrorLevel 64
    Quit
  ${EndIf}
  ${IfNot} ${IsNativeAMD64}
    MessageBox MB_OK|MB_ICONSTOP "This ${PRODUCT_NAME} installer is for 64-bit (x64) Windows." /SD IDOK
    SetErrorLevel 65
    Quit
  ${EndIf}
  SetShellVarContext current
FunctionEnd

# WebView2 draws the window. Windows 11 and an up-to-date Windows 10 have it;
# otherwise Microsoft's bootstrapper installs it (for this user when not elevated).
Function InstallWebView2
  SetRegView 64
  ReadRegStr $0 HKLM "SOFTWARE\WOW6432Node\Microsoft\EdgeUpdate\Clients\{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}" "pv"
  ${If} $0 == ""
    ReadRegStr $0 HKCU "Software\Microsoft\EdgeUpdate\Clients\{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}" "pv"
  ${EndIf}
  ${If} $0 != ""
  ${AndIf} $0 != "0.0.0.0"
    DetailPrint "WebView2 runtime $0 is installed"
    Return
  ${EndIf}
  DetailPrint "Installing the WebView2 runtime (needs the internet)"
  InitPluginsDir
  File "/oname=$PLUGINSDIR\MicrosoftEdgeWebview2Setup.exe" "${WEBVIEW2_SETUP}"
  ExecWait '"$PLUGINSDIR\MicrosoftEdgeWebview2Setup.exe" /silent /install' $1
  ${If} $1 != 0
    DetailPrint "WebView2 setup exited with $1: if TenantLens shows a blank window, install the WebView2 runtime from Microsoft and open it again"
  ${EndIf}
FunctionEnd

Section "${PRODUCT_NAME}" SecApp
  SectionIn RO
  SetShellVarContext current
  Call InstallWebView2

  SetOutPath "$INSTDIR"
  File "/oname=${PRODUCT_EXE}" "${APP_BINARY}"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\${PRODUCT_NAME}.lnk" "$INSTDIR\${PRODUCT_EXE}" "" "$INSTDIR\${PRODUCT_EXE}" 0

  # Add/Remove Programs, for this user only.
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${PRODUCT_NAME}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${COMPANY_NAME}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${PRODUCT_EXE},0"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" "$\"$INSTDIR\uninstall.exe$\""
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" "$\"$INSTDIR\uninstall.exe$\" /S"
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" "$0"
SectionEnd

Section /o "Desktop shortcut" SecDesktop
  SetShellVarContext current
  CreateShortcut "$DESKTOP\${PRODUCT_NAME}.lnk" "$INSTDIR\${PRODUCT_EXE}" "" "$INSTDIR\${PRODUCT_EXE}" 0
SectionEnd

# ---- Uninstaller ----

Section "un.${PRODUCT_NAME} (program and shortcuts)" SecUnApp
  SectionIn RO
  SetShellVarContext current
  Delete "$INSTDIR\${PRODUCT_EXE}"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR" # only when empty: never removes files it did not install
  Delete "$SMPROGRAMS\${PRODUCT_NAME}.lnk"
  Delete "$DESKTOP\${PRODUCT_NAME}.lnk"
  DeleteRegKey HKCU "${UNINST_KEY}"
  DetailPrint "Your TenantLens data is kept in ${DATA_DIR}"
SectionEnd

Section /o "un.Also delete my TenantLens data" SecUnData
  SetShellVarContext current
  DetailPrint "Deleting ${DATA_DIR} (database, settings, logs) and ${WEBVIEW_DIR} (saved views)"
  RMDir /r "${DATA_DIR}"
  RMDir /r "${WEBVIEW_DIR}"
  DetailPrint "Sign-ins kept in Windows Credential Manager (entries named TenantLens) are not removed: delete them there if you no longer need them"
SectionEnd

Function un.onInit
  SetShellVarContext current
  # uninstall.exe /S /DELETEDATA: a silent uninstall that also deletes the data.
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/DELETEDATA" $R1
  ${IfNot} ${Errors}
    SectionSetFlags ${SecUnData} ${SF_SELECTED}
  ${EndIf}
FunctionEnd
