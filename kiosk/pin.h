/* pin: the trainer PIN.  Owns its format (6 to 12 digits), its storage form (a yescrypt hash
 * from libxcrypt, never the digits), checking a typed PIN against that hash, and the delay
 * policy after wrong PINs.  Pure: no database, no terminal.  libcrypt is loaded (dlopen) for
 * the first PIN hashed or checked, not at start: a failure to load it is an err like others.  The caller keeps the hash and
 * the count of wrong attempts in the store (store_trainer_pin, store_pin_failures), so the
 * delay survives a restart of the kiosk. */
#ifndef KIOSK_PIN_H
#define KIOSK_PIN_H

#include <stdbool.h>

#include "util.h"

#define PIN_MIN_DIGITS 6
#define PIN_MAX_DIGITS 12
#define PIN_DELAY_CAP 60  /* seconds: the longest wait, whatever the number of wrong PINs */

/* 0 when pin is 6 to 12 ASCII digits; otherwise -1 and a message saying what is wrong
 * (not digits, too short, too long).  A NULL pin counts as empty. */
int pin_check_format(const char *pin, struct kerr *err);

/* Checks the format, then hashes pin with yescrypt and a fresh random salt.  Returns 0 and
 * *hash (caller frees; a "$y$..." string to store), or -1 with err (bad format, or the
 * system's crypt library failed). */
int pin_hash(const char *pin, char **hash, struct kerr *err);

/* Checks a typed pin against a stored hash.  Returns 0 with *match set (false also for a
 * pin that is not even in the PIN format), or -1 with err when hash is NULL, empty or not
 * usable by crypt (the stored PIN must then be set again with kiosk set-trainer-pin). */
int pin_verify(const char *pin, const char *hash, bool *match, struct kerr *err);

/* Seconds to wait before accepting the next PIN after failures consecutive wrong ones:
 * 0 for none, then 1, 2, 4, 8, ... up to PIN_DELAY_CAP. */
unsigned pin_delay_seconds(unsigned failures);

#endif
