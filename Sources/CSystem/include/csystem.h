#ifndef MOTEPLASS_CSYSTEM_H
#define MOTEPLASS_CSYSTEM_H

/// Swaps two paths in one atomic step (Linux `renameat2` with `RENAME_EXCHANGE`, macOS
/// `renamex_np` with `RENAME_SWAP`): a reader sees either the old or the new one, never neither.
/// Returns 0, or -1 with `errno` set (e.g. when the file system cannot swap).
int moteplass_exchange(const char *first, const char *second);

/// A pipe whose two ends are closed in programs this process starts (`pipe2` with `O_CLOEXEC`
/// on Linux, so no other thread's child can inherit them in between). Returns 0, or -1 with `errno`.
int moteplass_pipe(int ends[2]);

#endif
