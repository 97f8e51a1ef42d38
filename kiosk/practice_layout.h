/* practice_layout: the geometry of a practice step on the 80x24 screen, in one place.  The
 * screen (ui_practice.c) draws the frame and its widgets at these columns, and check-lessons
 * (lesson.c) measures a lesson's labels, items, values and buttons against the widths that
 * follow from them, so what the check accepts is exactly what the screen can show.  Numbers
 * only: no curses, no state.  Columns ending in _X are offsets from the frame's inner column
 * (the frame's left border, then one space, then the inner column). */
#ifndef KIOSK_PRACTICE_LAYOUT_H
#define KIOSK_PRACTICE_LAYOUT_H

/* Rows: the task above the frame, and the frame itself (practice_rows() counts them). */
#define PRACTICE_MAX_ROWS     14   /* the frame, borders included, at 80x24 */
#define PRACTICE_TEXT_ROWS     3   /* the task above the frame, with the largest frame */
/* A smaller frame gives its unused rows to the task (room for a short gloss), up to this:
 * the task and the frame together never take more than PRACTICE_TEXT_ROWS +
 * PRACTICE_MAX_ROWS, so the feedback keeps its rows below. */
#define PRACTICE_TEXT_MAX_ROWS 6
/* From the task's first row to the footer at 80x24 (the header and the progress line are
 * above): the task, the frame and then the notes below it share these rows, so a success:
 * text under a tall frame has fewer rows than elsewhere. */
#define PRACTICE_BODY_ROWS    20
#define PRACTICE_PRAISE_ROWS   1   /* "Correct! Well done." above the success: text */

/* The frame. */
#define PRACTICE_INNER_COLS   70   /* inside the frame, between its one-space margins */
#define PRACTICE_FRAME_COLS   (PRACTICE_INNER_COLS + 4)  /* + a border and a space each side */

/* Where widgets are drawn. */
#define PRACTICE_WIDGET_X      2   /* a widget's row, after the focus marker ">" at 0 */
#define PRACTICE_WIDGET_COLS  (PRACTICE_INNER_COLS - PRACTICE_WIDGET_X)  /* drawn from there */
#define PRACTICE_ITEM_X        4   /* the items of a choice or list, under its label */
#define PRACTICE_ITEM_ROW_COLS (PRACTICE_INNER_COLS - PRACTICE_ITEM_X)
#define PRACTICE_LABEL_COLS   24   /* a field's label; a colon follows it, then the box */
#define PRACTICE_FIELD_X      (PRACTICE_WIDGET_X + PRACTICE_LABEL_COLS + 4)  /* the box */
#define PRACTICE_FIELD_COLS   30   /* a field's box */
/* A field holds this many columns of text: the box less one cell for the cursor, as in
 * the type step's answer field.  "show me" must be able to type a field's value. */
#define PRACTICE_TYPED_COLS   (PRACTICE_FIELD_COLS - 1)
/* What a learner may type into a field: more than the box shows (the text scrolls inside
 * it), so a sentence such as "what happened" is never cut off without a word. */
#define PRACTICE_FIELD_MAX_COLS 120

/* Buttons: drawn "[ Label ]" on one row at the bottom, PRACTICE_BUTTON_GAP apart. */
#define PRACTICE_BUTTON_COLS  20   /* one button's label */
#define PRACTICE_BUTTON_DECOR  4   /* "[ " and " ]" */
#define PRACTICE_BUTTON_GAP    4
#define PRACTICE_BUTTONS_COLS (PRACTICE_INNER_COLS - PRACTICE_WIDGET_X)  /* the whole row */

/* What a lesson may write on a widget's row: a label:, choice: or list: line keeps a margin
 * each side; a check: puts "[x] " before its text, an item "1. ( ) ". */
#define PRACTICE_TEXT_COLS    (PRACTICE_INNER_COLS - 4)
#define PRACTICE_CHECK_COLS   (PRACTICE_TEXT_COLS - 4)
#define PRACTICE_ITEM_COLS    (PRACTICE_TEXT_COLS - 7)

/* The numbers must agree: whatever the check lets through fits where the screen draws it. */
_Static_assert(PRACTICE_FIELD_X + PRACTICE_FIELD_COLS <= PRACTICE_INNER_COLS,
               "a field's box fits in the frame");
_Static_assert(PRACTICE_WIDGET_X + PRACTICE_TEXT_COLS <= PRACTICE_INNER_COLS,
               "a label fits its row");
_Static_assert(PRACTICE_WIDGET_X + 4 + PRACTICE_CHECK_COLS <= PRACTICE_INNER_COLS,
               "a check fits its row after \"[x] \"");
_Static_assert(PRACTICE_ITEM_X + 7 + PRACTICE_ITEM_COLS <= PRACTICE_INNER_COLS,
               "an item fits its row after \"1. ( ) \"");
_Static_assert(PRACTICE_WIDGET_X + PRACTICE_BUTTONS_COLS <= PRACTICE_INNER_COLS,
               "the buttons fit their row");
_Static_assert(PRACTICE_FRAME_COLS <= 80 - 4, "the frame fits 80 columns with the margins");

#endif
