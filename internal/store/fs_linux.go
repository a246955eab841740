package store

import "syscall"

// networkFS reports whether dir is on a network file system, where SQLite's
// WAL (shared memory between processes) does not work.
func networkFS(dir string) (string, bool) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return "", false
	}
	switch uint32(st.Type) {
	case 0x6969:
		return "nfs", true
	case 0xFF534D42:
		return "cifs", true
	case 0x517B:
		return "smb", true
	case 0xFE534D42:
		return "smb2", true
	case 0x01021997:
		return "9p", true
	case 0x00C36400:
		return "ceph", true
	case 0x47504653:
		return "gpfs", true
	case 0x6B414653:
		return "afs", true
	}
	return "", false
}
