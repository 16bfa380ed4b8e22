/* The floor of a build: cmark-gfm rendering every body with the extensions moteplass uses, in one
 * process, and writing one HTML file per body.
 *
 *   floor LIST OUT_DIR     (LIST: one Markdown file per line; front matter is skipped)
 */
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static char *slurp(const char *path, size_t *size) {
    FILE *file = fopen(path, "rb");
    if (!file) return NULL;
    fseek(file, 0, SEEK_END);
    long length = ftell(file);
    fseek(file, 0, SEEK_SET);
    char *text = malloc((size_t)length + 1);
    *size = fread(text, 1, (size_t)length, file);
    text[*size] = 0;
    fclose(file);
    return text;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: floor LIST OUT_DIR\n");
        return 2;
    }
    cmark_gfm_core_extensions_ensure_registered();
    const char *names[] = {"table", "strikethrough", "autolink", "tagfilter", "tasklist"};
    if (mkdir(argv[2], 0755) != 0 && errno != EEXIST) {
        perror(argv[2]);
        return 1;
    }
    FILE *list = fopen(argv[1], "r");
    if (!list) {
        perror(argv[1]);
        return 1;
    }
    char path[4096], out[4200];
    int count = 0;
    while (fgets(path, sizeof path, list)) {
        path[strcspn(path, "\n")] = 0;
        size_t size;
        char *text = slurp(path, &size);
        if (!text) {
            perror(path);
            return 1;
        }
        char *body = text;
        if (strncmp(text, "---\n", 4) == 0) {
            char *end = strstr(text + 4, "\n---\n");
            if (end) body = end + 5;
        }
        cmark_parser *parser = cmark_parser_new(CMARK_OPT_DEFAULT);
        for (size_t i = 0; i < sizeof names / sizeof *names; i++)
            cmark_parser_attach_syntax_extension(parser, cmark_find_syntax_extension(names[i]));
        cmark_parser_feed(parser, body, strlen(body));
        cmark_node *document = cmark_parser_finish(parser);
        char *html = cmark_render_html(document, CMARK_OPT_DEFAULT, cmark_parser_get_syntax_extensions(parser));
        snprintf(out, sizeof out, "%s/%d.html", argv[2], count++);
        FILE *file = fopen(out, "wb");
        if (!file) {
            perror(out);
            return 1;
        }
        fputs(html, file);
        fclose(file);
        free(html);
        cmark_node_free(document);
        cmark_parser_free(parser);
        free(text);
    }
    fclose(list);
    return 0;
}
