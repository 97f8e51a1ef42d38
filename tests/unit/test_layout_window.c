/* test_layout again, with layout.c built into the test and LAYOUT_BREAK_LOOKBACK at one byte:
 * the break opportunities of one-column text are then looked for in windows that start right
 * before the positions asked for, so a window started at a wrong place shows in the lines
 * (with the kiosk's 40 bytes, the lines rarely look that far back). */
#define LAYOUT_BREAK_LOOKBACK 1
#include "layout.c"

#include "test_layout.c"
