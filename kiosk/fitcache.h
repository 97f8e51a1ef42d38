/* fitcache: which lesson files already passed the screen-fit checks, so that the kiosk does
 * not wrap every text of every lesson again at every start (check-lessons always does).
 * Owns a small file of content fingerprints: a lesson file whose exact bytes passed every
 * check before is parsed without re-measuring its texts; any change to the file (or to the
 * kiosk's screen rules, which are part of the fingerprint) makes it a stranger again, checked
 * in full and refused when broken.  A missing or unreadable cache only costs time. */
#ifndef KIOSK_FITCACHE_H
#define KIOSK_FITCACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct fit_cache;

/* Reads the cache at path (an empty cache when the file is missing or not ours).  Never
 * fails; free with fit_cache_free. */
struct fit_cache *fit_cache_load(const char *path);
void fit_cache_free(struct fit_cache *c);

/* The fingerprint of a file's contents under this kiosk's screen rules. */
uint64_t fit_cache_key(const char *buf, size_t len);
/* True when a file with this fingerprint passed every check before (it is kept for the next
 * start).  fit_cache_add records one that passed them now.  Both may be called from several
 * threads at once; load, save and free may not. */
bool fit_cache_check(struct fit_cache *c, uint64_t key);
void fit_cache_add(struct fit_cache *c, uint64_t key);

/* Writes the cache back when it changed: the fingerprints of this start only, so files that
 * are gone or changed drop out.  Atomic (a temporary file renamed over path).  Returns 0, or
 * -1 when it could not be written (the next start checks everything again). */
int fit_cache_save(struct fit_cache *c);

#endif
