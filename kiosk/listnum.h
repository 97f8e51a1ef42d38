/* listnum: the number of an item in a numbered list, typed one digit at a time with no time
 * limit (the lesson list: "1", then "5" opens lesson 15 however long the learner took between
 * them; older learners type slowly, and the kiosk never hurries anyone).  Owns only the rule
 * for joining digits; the screen shows the number typed so far and moves its highlight.
 * Pure: no terminal, no clock.
 *
 * The rule: a digit joins the number while the joined number still names an item ("1", "5":
 * 15 of 16); a digit that would make a number past the end starts a new number when it names
 * an item on its own ("1", "7": 17 is past 16, so 7); a digit that names nothing either way
 * ("0" first, "9" in a list of 5) changes nothing and is refused. */
#ifndef KIOSK_LISTNUM_H
#define KIOSK_LISTNUM_H

#include <stdbool.h>
#include <stddef.h>

struct listnum {
	size_t value;  /* the number typed so far (1-based item), or 0 for none */
};

/* Feeds digit d (0..9) for a list of count items.  Returns the 0-based index of the item the
 * number now names, or -1 when the digit was refused (ln unchanged). */
int listnum_digit(struct listnum *ln, unsigned d, size_t count);

/* Erases the last digit typed.  Returns the 0-based index of the item the shorter number
 * names, or -1 when no digit is left (or there was none). */
int listnum_erase(struct listnum *ln);

/* Forgets the number (another key than a digit was pressed). */
void listnum_clear(struct listnum *ln);

/* True while some further digit could make a longer number that names an item (12 in a list
 * of 16 cannot grow; 1 can): the screen then shows that more may be typed. */
bool listnum_can_grow(const struct listnum *ln, size_t count);

#endif
