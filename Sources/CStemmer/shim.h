// The Snowball stemmers (Debian's libstemmer-dev: libstemmer.h and libstemmer.so).
#include <libstemmer.h>
