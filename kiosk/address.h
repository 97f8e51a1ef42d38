/* address: the form of a learner's name used to speak to them.  Ukrainian addresses people in
 * the vocative case ("До побачення, Олено!", not "Олена"); Bulgarian uses the name as it is.
 * Owns a small set of safe rules for Ukrainian first names and patronymics; a name the rules
 * do not recognise (Latin letters, an unusual ending) is left as typed, which is never rude,
 * only less warm.  Curses-free. */
#ifndef KIOSK_ADDRESS_H
#define KIOSK_ADDRESS_H

/* name as the UI should write it after "Goodbye, " in language ("bg", "uk"); caller frees. */
char *address_vocative(const char *name, const char *language);

#endif
