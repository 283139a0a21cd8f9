// Importing @gostd/time/tzdata embeds a copy of the IANA tz database (2025c,
// Go's own zoneinfo.zip, about 400 kB) in the program, as Go's time/tzdata
// does: loadLocation and Local then find every zone even where the system has
// no tz database (a browser, a slim container). The system's files, when
// present, still come first. Import it for its effect; it exports only the
// release of the data it embeds.
//
//   import '@gostd/time/tzdata';

import { zoneinfoZip } from './tzdata-zip';

export { tzdataVersion } from './tzdata-zip';

import { fromZip, registerTZData } from './zoneinfo-load';

let zip: Uint8Array | null = null;

registerTZData((name) => {
  if (zip === null) {
    const bin = atob(zoneinfoZip);
    zip = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) zip[i] = bin.charCodeAt(i);
  }
  const data = fromZip(zip, name, 'embedded tzdata');
  return typeof data === 'symbol' ? null : data;
});
