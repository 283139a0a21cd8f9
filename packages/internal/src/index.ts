/**
 * Package @gostd/internal holds the pieces of Go's standard library that more than one @gostd package
 * needs internally, like Go's own internal packages: strconv's Quote, IsPrint and ParseBool. It is
 * private and never published; tsup bundles what a package uses into that package's dist, so every
 * published package still installs alone, with no dependency on this one.
 *
 * @packageDocumentation
 */
export { isPrint } from './is-print';
export { parseBool } from './parse-bool';
export { quote } from './quote';
