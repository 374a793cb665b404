// Postcodes inside an address line, as Contracts Finder's OCDS publishes suppliers' addresses (real strings from the
// releases in test/fixtures/ocds and apa999/CFServer1's test data; expected postcodes read off by hand).
import { describe, expect, it } from "vitest";
import { postcodeInText } from "../../loaders/notices/read-party.js";

describe("postcodeInText", () => {
  it.each([
    ["Little Easton Manor, Park Road, Little Easton, Essex, CM6 2JN", "CM6 2JN"],
    ["10 Keld Close Corby NN18 8NE", "NN18 8NE"],
    ["187F Greenlane Road, Leicester LE5 4PD", "LE5 4PD"],
    // Line breaks that lost their backslash: \n as "n", \r\n as "rn".
    ["Konica House nMiles Gray Road nBasildon nEssex nSS14 3AR", "SS14 3AR"],
    ["VICTORIA HOUSE, SOUTHAMPTON ROWnLONDONnWC1B 4ADnGB", "WC1B 4AD"],
    ["1650 Arlington Business ParkrnThealernReadingrnRG7 4SArnUnited Kingdom", "RG7 4SA"],
    ["Bishop Meadow RoadnLE11 5RGnGB", "LE11 5RG"],
    ["2 Burston Road,nLONDONnSW15 6ARnGB", "SW15 6AR"],
  ])("%s → %s", (line, postcode) => {
    expect(postcodeInText(line)).toBe(postcode);
  });

  it.each([
    "CALIFORNIA | 120 COOMBE LANE | LONDON | SW20 OBA", // a letter O where the inward code's digit belongs
    "Birr, Co. Offaly, Ireland, R42 EK09",
    "800 Hicks Rd, Rolling Meadows, IL60008 USA",
    "Smithfield House,  92 North Street,   Leeds",
    "N/A",
  ])("no UK postcode in %s", (line) => {
    expect(postcodeInText(line)).toBeNull();
  });
});
