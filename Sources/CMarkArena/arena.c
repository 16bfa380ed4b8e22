#include "cmark_arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/// Every block starts with a header holding its size, so that `realloc` knows how much to copy.
typedef struct {
    size_t size;
    size_t padding;
} header;

typedef struct chunk {
    struct chunk *previous;
    size_t capacity;
    size_t used;
    /// Keeps `data` 16-byte aligned.
    size_t padding;
    unsigned char data[];
} chunk;

enum { chunk_size = 1 << 20 };

static _Thread_local chunk *current;
static _Thread_local int depth;

static void *out_of_memory(void) {
    fputs("moteplass: out of memory\n", stderr);
    abort();
}

static size_t rounded(size_t size) {
    if (size > SIZE_MAX - 2 * sizeof(header) - sizeof(chunk)) out_of_memory();
    return (size + 15) & ~(size_t)15;
}

static void *allocate(size_t size) {
    size_t needed = sizeof(header) + rounded(size);
    if (!current || current->capacity - current->used < needed) {
        size_t capacity = needed > chunk_size ? needed : chunk_size;
        chunk *fresh = malloc(sizeof(chunk) + capacity);
        if (!fresh) return out_of_memory();
        fresh->previous = current;
        fresh->capacity = capacity;
        fresh->used = 0;
        current = fresh;
    }
    header *block = (header *)(current->data + current->used);
    current->used += needed;
    block->size = size;
    return block + 1;
}

static void *arena_calloc(size_t count, size_t size) {
    if (size && count > SIZE_MAX / size) return out_of_memory();
    void *pointer = allocate(count * size);
    memset(pointer, 0, count * size);
    return pointer;
}

static void *arena_realloc(void *pointer, size_t size) {
    if (!pointer) return allocate(size);
    header *block = (header *)pointer - 1;
    // The newest block of the chunk grows in place when the chunk has room.
    unsigned char *end = (unsigned char *)pointer + rounded(block->size);
    if (end == current->data + current->used && (size_t)(current->data + current->capacity - (unsigned char *)pointer) >= rounded(size)) {
        current->used += rounded(size) - rounded(block->size);
        block->size = size;
        return pointer;
    }
    void *moved = allocate(size);
    memcpy(moved, pointer, block->size < size ? block->size : size);
    return moved;
}

static void arena_free(void *pointer) {
    (void)pointer;
}

static cmark_mem arena = {arena_calloc, arena_realloc, arena_free};

cmark_mem *moteplass_arena_mem(void) {
    return &arena;
}

void moteplass_arena_enter(void) {
    depth += 1;
}

void moteplass_arena_leave(void) {
    if (--depth > 0 || !current) return;
    // Keep one chunk of the usual size for the next document; give the rest back.
    chunk *kept = NULL;
    while (current) {
        chunk *previous = current->previous;
        if (!kept && current->capacity == chunk_size) {
            kept = current;
        } else {
            free(current);
        }
        current = previous;
    }
    if (kept) {
        kept->previous = NULL;
        kept->used = 0;
    }
    current = kept;
}
