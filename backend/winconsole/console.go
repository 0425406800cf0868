// Package winconsole lets the command line of a GUI-subsystem executable
// (tenantlens.exe is built as a Windows GUI program so the window opens
// without a console) print to the console it was started from.
//
// On Windows, Attach attaches to the parent process's console (cmd,
// PowerShell, Windows Terminal) and points os.Stdin, os.Stdout and
// os.Stderr at it, unless they are already redirected to a file or a pipe,
// which keep working as they are. Everywhere else it does nothing.
package winconsole
