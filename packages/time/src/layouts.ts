// Go's predefined layouts for Time.format and parse (format.go). The reference time is
// Mon Jan 2 15:04:05 MST 2006 (Unix time 1136239445); MST is GMT-0700.

/** Layout is the reference time in numerical order: "01/02 03:04:05PM '06 -0700". */
export const Layout = "01/02 03:04:05PM '06 -0700";
/** ANSIC is "Mon Jan _2 15:04:05 2006". */
export const ANSIC = 'Mon Jan _2 15:04:05 2006';
/** UnixDate is "Mon Jan _2 15:04:05 MST 2006". */
export const UnixDate = 'Mon Jan _2 15:04:05 MST 2006';
/** RubyDate is "Mon Jan 02 15:04:05 -0700 2006". */
export const RubyDate = 'Mon Jan 02 15:04:05 -0700 2006';
/** RFC822 is "02 Jan 06 15:04 MST". */
export const RFC822 = '02 Jan 06 15:04 MST';
/** RFC822Z is RFC822 with a numeric zone: "02 Jan 06 15:04 -0700". */
export const RFC822Z = '02 Jan 06 15:04 -0700';
/** RFC850 is "Monday, 02-Jan-06 15:04:05 MST". */
export const RFC850 = 'Monday, 02-Jan-06 15:04:05 MST';
/** RFC1123 is "Mon, 02 Jan 2006 15:04:05 MST". */
export const RFC1123 = 'Mon, 02 Jan 2006 15:04:05 MST';
/** RFC1123Z is RFC1123 with a numeric zone: "Mon, 02 Jan 2006 15:04:05 -0700". */
export const RFC1123Z = 'Mon, 02 Jan 2006 15:04:05 -0700';
/** RFC3339 is "2006-01-02T15:04:05Z07:00". */
export const RFC3339 = '2006-01-02T15:04:05Z07:00';
/** RFC3339Nano is "2006-01-02T15:04:05.999999999Z07:00". */
export const RFC3339Nano = '2006-01-02T15:04:05.999999999Z07:00';
/** Kitchen is "3:04PM". */
export const Kitchen = '3:04PM';
/** Stamp is "Jan _2 15:04:05", a handy time stamp. */
export const Stamp = 'Jan _2 15:04:05';
/** StampMilli is "Jan _2 15:04:05.000". */
export const StampMilli = 'Jan _2 15:04:05.000';
/** StampMicro is "Jan _2 15:04:05.000000". */
export const StampMicro = 'Jan _2 15:04:05.000000';
/** StampNano is "Jan _2 15:04:05.000000000". */
export const StampNano = 'Jan _2 15:04:05.000000000';
/** DateTime is "2006-01-02 15:04:05". */
export const DateTime = '2006-01-02 15:04:05';
/** DateOnly is "2006-01-02". */
export const DateOnly = '2006-01-02';
/** TimeOnly is "15:04:05". */
export const TimeOnly = '15:04:05';
