#ifndef MOTEPLASS_CMARK_ARENA_H
#define MOTEPLASS_CMARK_ARENA_H
#include <cmark-gfm.h>

/// A bump allocator for cmark-gfm, one per thread.
///
/// cmark allocates a small block for every node, chunk and buffer of a document and frees them
/// one by one; with this allocator a parse takes its memory from large per-thread chunks and
/// gives all of it back at once. Between `moteplass_arena_enter` and the matching
/// `moteplass_arena_leave`, a parser created with `moteplass_arena_mem()` on the same thread may
/// be used; nothing it allocated may be touched after the outermost `leave`.
cmark_mem *moteplass_arena_mem(void);
void moteplass_arena_enter(void);
void moteplass_arena_leave(void);

#endif
