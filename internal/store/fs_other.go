//go:build !linux

package store

// networkFS is only implemented on Linux.
func networkFS(string) (string, bool) { return "", false }
