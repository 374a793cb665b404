// Issue 18, point 3: payees that look like private individuals. The names are real, copied from the published spend
// files in shared/reference/spend (Bradford 2018, GLA 2014, Manchester 2010–11, Cabinet Office 2019, the NHS raw
// files; see its PROVENANCE.md), each labelled by hand here, not by the rule; a few company names are well known.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { looksLikeIndividual } from "../../src/core/individual-name.js";

const INDIVIDUALS = [
  "MR CHRISTOPHER ROWE", "Mr Micheal Ball", "MRS MICHELLE WAYT", "MISS JACQUELINE LOUISE THOMAS", "MS HEATHER LONG",
  "DR LISA BARKER", "PROFESSOR NIGEL A BEAIL", "MR T A W WILKINSON", "Miss K J S Pearson", "Mr J S Den Boefit",
  "MR MARK LOWE QC", "MS R MACKENZIE CBE", "Ms L V Martin & Mr S I Martin", "DR BK SHARMA & DR K RAI", "DR E KONG & C EVBUOMWAN",
  "DR PV KUMAR (GMS)", "DR R B GOODWIN-JONES", "MISS S CARTER- BOYNES", "MR FILBY", "DR CAPLAN",
  "MR G SINGH T/A G S BUILDERS", "MR ALI PATEL T/AS KIDZ COLLECTION", "M REDDIHOUGH T/A MBR CONSTRUCTION",
  "J SANDERSON", "G E P VINCENTI", "P A BARBER", "J S Glanville", "C EVBUOMWAN", "OLLIVIERRE, J", "R FARLEY & M BOX",
  // the cases
  "Mr John Smith", 'Mr "Johnny" Smith', "Dr Jane Doe", "Mrs A Patel", "J. A. Smith",
];
const ORGANISATIONS = [
  "SIR FREDERICK SNOW & PARTNERS LTD", "Sir Robert McAlpine Ltd", "DR C P JOHNSON LIMITED", "DR BROOKE & PARTNERS",
  "DR G A MILLS & PARTNERS", "DR AKBAR SURGERY", "DR AL KROTOSKY & PTNRS", "DR JAYAKUMAR & PARTNER", "DR M A KHAN & PARTNERS LONDON",
  "S L CRABTREE (PARTNERSHIP)", "K P BUILDERS", "J C PLASTERING", "L B BEXLEY", "L B HILLINGDON", "W T Partnership", "L G Futures",
  "F T Factors", "A J Travel", "P S Care", "W S Education", "UNIVAR B V", "TAMESIDE M B C", "CALDERDALE MBC", "MEDTRONIC LTD",
  "Bradford Metropolitan District Council", "NHS Supply Chain", "Marks & Spencer PLC", "John Lewis Partnership",
  // well-known companies named like a person, as a spend file may print them bare
  "W H Smith", "WH SMITH", "J Sainsbury", "J SAINSBURY PLC", "B Braun Medical Ltd", "B BRAUN", "Dr Martens", "Mr Kipling",
  "REDACTED", "Redacted payee", "",
];

describe("looksLikeIndividual (issue 18, point 3)", () => {
  it("flags names of people: a title, or initials and a surname, and no organisation's word", () => {
    expect(INDIVIDUALS.filter((name) => !looksLikeIndividual(name))).toEqual([]);
  });

  it("flags no organisation, however it is written", () => {
    expect(ORGANISATIONS.filter(looksLikeIndividual)).toEqual([]);
  });

  it("flags none of the demo's suppliers (all companies, charities and CICs)", () => {
    const names = readFileSync("data/demo/suppliers.csv", "utf-8").trimEnd().split(/\r?\n/).slice(1).map((line) => line.split(",")[0]!);
    expect(names.length).toBeGreaterThan(100);
    expect(names.filter(looksLikeIndividual)).toEqual([]);
  });
});
