/* pin: see pin.h. */
#include "pin.h"

#include <crypt.h>
#include <stdlib.h>
#include <string.h>

#include "dl.h"
#include "i18n.h"

#define HASH_METHOD "$y$"  /* yescrypt */

int pin_check_format(const char *pin, struct kerr *err)
{
	size_t len = pin ? strlen(pin) : 0;

	/* Digits first: "12ab" is better told "digits only" than "too short". */
	if (len > 0 && strspn(pin, "0123456789") != len) {
		kerr_set(err, _("the PIN must have digits only (0 to 9)"));
		return -1;
	}
	if (len < PIN_MIN_DIGITS) {
		kerr_set(err, _("the PIN is too short: it needs %d to %d digits"), PIN_MIN_DIGITS,
		         PIN_MAX_DIGITS);
		return -1;
	}
	if (len > PIN_MAX_DIGITS) {
		kerr_set(err, _("the PIN is too long: it needs %d to %d digits"), PIN_MIN_DIGITS,
		         PIN_MAX_DIGITS);
		return -1;
	}
	return 0;
}

/* libcrypt is loaded for the first PIN hashed or checked, not when the program starts: the
 * kiosk's first frame needs no PIN, and on old PCs its memory then counts (issue 11).  The
 * functions used, called through lib: */
#define CRYPT_FUNCTIONS(X) X(crypt_r) X(crypt_gensalt_rn)
#define CRYPT_POINTER(f) __typeof__(f) *f;
static struct {
	CRYPT_FUNCTIONS(CRYPT_POINTER)
} lib;

#ifndef CRYPT_SONAME
#define CRYPT_SONAME "libcrypt.so.1"  /* the Makefile names the one built against */
#endif

/* Loads the library once (a failure is tried again next time).  Returns 0, or -1 and err. */
static int load_library(struct kerr *err)
{
#define CRYPT_SYMBOL(f) { #f, (void **)&lib.f },
	static const struct dl_symbol symbols[] = { CRYPT_FUNCTIONS(CRYPT_SYMBOL) };
#undef CRYPT_SYMBOL
	static void *handle;
	char why[256];

	/* By its handle, never RTLD_DEFAULT (dl_open): the unit tests also link libcrypt, and
	 * dlopen then returns that one. */
	if (!handle && !(handle = dl_open(CRYPT_SONAME, symbols, sizeof symbols / sizeof *symbols,
	                                  why, sizeof why))) {
		/* TRANSLATORS: the library's file name, then why (from the system, in English). */
		kerr_set(err, _("the PIN cannot be used: the password library %s cannot be loaded "
		                "(%s)"), CRYPT_SONAME, why);
		return -1;
	}
	return 0;
}

/* struct crypt_data is 32 KiB: on the heap, and wiped afterwards because it held the PIN. */
static struct crypt_data *crypt_data_new(void)
{
	return xcalloc(1, sizeof(struct crypt_data));
}

static void crypt_data_free(struct crypt_data *cd)
{
	explicit_bzero(cd, sizeof *cd);
	free(cd);
}

/* crypt_r signals failure with NULL or a string starting with '*'. */
static bool crypt_failed(const char *out)
{
	return !out || out[0] == '*';
}

int pin_hash(const char *pin, char **hash, struct kerr *err)
{
	char salt[CRYPT_GENSALT_OUTPUT_SIZE];
	struct crypt_data *cd;
	const char *out;

	*hash = NULL;
	if (pin_check_format(pin, err) < 0 || load_library(err) < 0)
		return -1;
	if (!lib.crypt_gensalt_rn(HASH_METHOD, 0, NULL, 0, salt, sizeof salt)) {
		kerr_set(err, _("cannot make a salt for the PIN (yescrypt is not available)"));
		return -1;
	}
	cd = crypt_data_new();
	out = lib.crypt_r(pin, salt, cd);
	if (crypt_failed(out)) {
		kerr_set(err, _("cannot hash the PIN (the system's crypt library failed)"));
		crypt_data_free(cd);
		return -1;
	}
	*hash = xstrdup(out);
	crypt_data_free(cd);
	return 0;
}

/* The message for a stored hash crypt cannot use. */
static int damaged(struct kerr *err)
{
	kerr_set(err, _("the stored trainer PIN is damaged; set it again with "
	                "'kiosk set-trainer-pin'"));
	return -1;
}

int pin_verify(const char *pin, const char *hash, bool *match, struct kerr *err)
{
	struct crypt_data *cd;
	const char *out;
	int rc = 0;

	*match = false;
	if (!hash || !*hash) {
		kerr_set(err, _("no trainer PIN is set"));
		return -1;
	}
	/* Without the "$method$" prefix crypt falls back to DES, which we never write: such a
	 * value was put there by hand or is damaged. */
	if (hash[0] != '$')
		return damaged(err);
	/* Hashing a malformed PIN would only cost time: it cannot be the right one. */
	if (pin_check_format(pin, NULL) < 0)
		return 0;
	if (load_library(err) < 0)
		return -1;
	cd = crypt_data_new();
	out = lib.crypt_r(pin, hash, cd);
	if (crypt_failed(out))
		rc = damaged(err);
	else
		*match = strcmp(out, hash) == 0;
	crypt_data_free(cd);
	return rc;
}

unsigned pin_delay_seconds(unsigned failures)
{
	/* 2^(failures-1), stopping before the shift could overflow. */
	if (failures == 0)
		return 0;
	if (failures > 6)
		return PIN_DELAY_CAP;
	return (1u << (failures - 1)) < PIN_DELAY_CAP ? 1u << (failures - 1) : PIN_DELAY_CAP;
}
