// Go's strconv.ParseBool, for flags and settings read the way Go reads them.
import { quote } from './quote';

/**
 * parseBool returns the boolean value represented by the string: it accepts 1, t, T, TRUE, true, True,
 * 0, f, F, FALSE, false, False. Any other value throws Go's error, `strconv.ParseBool: parsing "x":
 * invalid syntax`.
 */
export function parseBool(str: string): boolean {
  switch (str) {
    case '1':
    case 't':
    case 'T':
    case 'true':
    case 'TRUE':
    case 'True':
      return true;
    case '0':
    case 'f':
    case 'F':
    case 'false':
    case 'FALSE':
    case 'False':
      return false;
  }
  throw new Error(`strconv.ParseBool: parsing ${quote(str)}: invalid syntax`);
}
