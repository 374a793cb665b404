/**
 * Sets every entry's modification time in a ZIP (an .xlsx workbook) to 1980-01-01, so that a seeded
 * generator writes the same bytes on every run. Edits the buffer in place and returns it.
 */
export function pinZipTimes(zip: Buffer): Buffer {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error("not a ZIP file");
  const DOS_1980_01_01 = (1 << 5) | 1;
  let entry = zip.readUInt32LE(end + 16);
  for (let n = zip.readUInt16LE(end + 10); n > 0; n--) {
    const local = zip.readUInt32LE(entry + 42);
    zip.writeUInt32LE(DOS_1980_01_01 << 16, entry + 12);
    zip.writeUInt32LE(DOS_1980_01_01 << 16, local + 10);
    entry += 46 + zip.readUInt16LE(entry + 28) + zip.readUInt16LE(entry + 30) + zip.readUInt16LE(entry + 32);
  }
  return zip;
}
