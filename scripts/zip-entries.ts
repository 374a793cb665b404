import { crc32, deflateRawSync } from "node:zlib";

/**
 * A ZIP file of the given entries, each stored (`deflate` false) or deflated, with no data descriptors and every
 * time at 1980-01-01, so that a seeded generator writes the same bytes on every run.
 */
export function zipOf(entries: Record<string, Buffer>, deflate: boolean): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of Object.entries(entries)) {
    const written = deflate ? deflateRawSync(data) : data;
    const nameBytes = Buffer.from(name);
    // The fields a local header and its central directory entry share, in the same order (version needed …
    // name length, extra length): bytes 4–29 of the one, 6–31 of the other.
    const shared = Buffer.alloc(26);
    shared.writeUInt16LE(20, 0);
    shared.writeUInt16LE(deflate ? 8 : 0, 4);
    shared.writeUInt32LE(0x00210000, 6);
    shared.writeUInt32LE(crc32(data), 10);
    shared.writeUInt32LE(written.length, 14);
    shared.writeUInt32LE(data.length, 18);
    shared.writeUInt16LE(nameBytes.length, 22);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    shared.copy(header, 4);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    shared.copy(central, 6);
    central.writeUInt32LE(offset, 42);
    locals.push(header, nameBytes, written);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + written.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
