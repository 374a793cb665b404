import { parseAmountPence } from "../cells/parse-amount.js";
import { parseDate } from "../cells/parse-date.js";
import { namedSupplier } from "../schema/normalise-supplier-name.js";
import { jsonPath } from "./json-path.js";
import type { Problems } from "./notice-problems.js";
import { readParty, type NoticeSupplier } from "./read-party.js";
import { readMetrics, type NoticeKpi } from "./read-metrics.js";
import { isObject, text, list, type JsonObject } from "./json-values.js";

/** A contract a notice gives: one per award, or per contract signed under an award (contracts[].awardID). */
export interface NoticeContract {
  contractId: string;
  awardId: string;
  /** Where the contract's facts sit: `releases[3].awards[0]` or `releases[3].contracts[1]`. */
  path: string;
  title: string | null;
  category: string | null;
  valuePence: number;
  start: string;
  end: string;
  suppliers: NoticeSupplier[];
  kpis: NoticeKpi[];
}

export interface NoticeRelease {
  ocid: string;
  releaseId: string | null;
  /** As written (`2025-01-23T17:32:10Z`): releases of one process are ordered by it. */
  date: string | null;
  tags: string[];
  buyerName: string | null;
  contracts: NoticeContract[];
}

/** Who a notice's buyer is: its name and every id it is given (buyer.id, the party's identifier). */
export interface Buyer {
  name: string | null;
  ids: string[];
}

const shown = (value: unknown): string | null => (value === undefined ? null : typeof value === "string" ? value : JSON.stringify(value));

/** Award statuses that are not contracts: nothing was awarded, or the award was withdrawn. */
const NOT_AWARDED = new Set(["cancelled", "unsuccessful"]);

/** The date of an OCDS date-time as written (`2024-09-01T00:00:00+01:00` → 2024-09-01: the publisher's own day). */
function noticeDate(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const match = /^(\d{4}-\d{2}-\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(value.trim());
  return match ? parseDate(match[1]!) : null;
}

/** The first of the places a fact may sit that holds it: [path, value]. */
function firstGiven(places: readonly [string, unknown][]): [string, unknown] {
  return places.find(([, value]) => value !== undefined && value !== null) ?? places[0]!;
}

function readValue(places: readonly [string, unknown][], problems: Problems): number | null {
  const [path, value] = firstGiven(places);
  if (!isObject(value)) {
    problems.add(jsonPath(path, "amount"), null, "missing-value", "no value: the contract's value is not given (award, contract or tender value.amount)");
    return null;
  }
  const amount = value.amount;
  const pence = typeof amount === "number" && Number.isFinite(amount) ? Math.round(amount * 100)
    : typeof amount === "string" ? parseAmountPence(amount) : null;
  if (amount === undefined || amount === null) problems.add(jsonPath(path, "amount"), null, "missing-value", "the value has no amount");
  else if (pence === null) problems.add(jsonPath(path, "amount"), shown(amount), "not-an-amount", `${shown(amount)} is not an amount (expected a number, e.g. 776888.48)`);
  else if (pence < 0) problems.add(jsonPath(path, "amount"), shown(amount), "negative-value", `${shown(amount)} is negative (expected the contract's value)`);
  const currency = text(value.currency);
  if (currency !== null && currency.toUpperCase() !== "GBP") {
    problems.add(jsonPath(path, "currency"), currency, "not-in-pounds", `the value is in ${currency}, not pounds sterling (GBP): it is not converted`);
  }
  return pence === null || pence < 0 || (currency !== null && currency.toUpperCase() !== "GBP") ? null : pence;
}

function readPeriod(places: readonly [string, unknown][], problems: Problems): { start: string | null; end: string | null } {
  const read = (key: "startDate" | "endDate", words: string): string | null => {
    const [path, period] = firstGiven(places.map(([at, value]) => [at, isObject(value) ? value[key] : undefined] as [string, unknown]));
    const date = noticeDate(period);
    if (period === undefined || period === null) problems.add(jsonPath(path, key), null, "missing-value", `no ${words} date (the award's or contract's period, else the tender's contractPeriod)`);
    else if (date === null) problems.add(jsonPath(path, key), shown(period), "not-a-date", `${shown(period)} is not a date (expected e.g. 2024-09-01T00:00:00Z)`);
    return date;
  };
  const start = read("startDate", "start");
  const end = read("endDate", "end");
  if (start && end && end < start) {
    const [path] = firstGiven(places.map(([at, value]) => [at, isObject(value) ? value.endDate : undefined] as [string, unknown]));
    problems.add(jsonPath(path, "endDate"), end, "ends-before-start", `the contract ends (${end}) before it starts (${start})`);
  }
  return { start, end };
}

/** A contract id that names its contracting process: the award's or contract's own id when it already starts with the ocid. */
function contractIdOf(ocid: string, id: string): string {
  return id.startsWith(ocid) ? id : `${ocid}/${id}`;
}

/**
 * Reads one OCDS release into the contracts its awards give, noting every fault with its JSON path: the buyer
 * (present, and the institution's own: `isOwnBuyer`), each award's value (GBP), contract period and suppliers
 * (each a party of the release, with its identifiers, postcode and flags), and KPIs where the notice gives them.
 * Facts are read where OCDS puts them, the most specific first: a contract signed under the award, the award,
 * then the tender (its value only for a release of one award and one contract).
 */
export function readRelease(value: unknown, path: string, isOwnBuyer: (buyer: Buyer) => boolean, problems: Problems): NoticeRelease | null {
  if (!isObject(value)) {
    problems.add(path, shown(value), "not-a-release", "not an OCDS release (expected an object with an ocid)");
    return null;
  }
  const at = (key: string) => jsonPath(path, key);
  const ocid = text(value.ocid);
  if (ocid === null) problems.add(at("ocid"), shown(value.ocid), "missing-value", "the release has no ocid (its contracting process)");
  const parties = list(value.parties);
  const partyIndex = new Map<string, number>();
  parties.forEach((party, index) => {
    const id = isObject(party) ? text(party.id) : null;
    if (id !== null && !partyIndex.has(id)) partyIndex.set(id, index);
  });

  const buyerRef = isObject(value.buyer) ? value.buyer : null;
  const buyerPartyIndex = buyerRef && text(buyerRef.id) !== null ? partyIndex.get(text(buyerRef.id)!)
    : parties.findIndex((party) => isObject(party) && list(party.roles).includes("buyer"));
  const buyerParty = buyerPartyIndex !== undefined && buyerPartyIndex >= 0 && isObject(parties[buyerPartyIndex]) ? parties[buyerPartyIndex] as JsonObject : null;
  const identifier = buyerParty && isObject(buyerParty.identifier) ? buyerParty.identifier : null;
  const buyer: Buyer = {
    name: text(buyerRef?.name) ?? text(buyerParty?.name),
    ids: [text(buyerRef?.id), text(buyerParty?.id), text(identifier?.id),
      identifier && text(identifier.scheme) && text(identifier.id) ? `${text(identifier.scheme)}-${text(identifier.id)}` : null]
      .filter((id): id is string => id !== null),
  };
  if (buyer.name === null && buyer.ids.length === 0) {
    problems.add(at("buyer"), null, "missing-value", "the release names no buyer (buyer, or a party with the role buyer): whose notice it is cannot be told");
  } else if (!isOwnBuyer(buyer)) {
    problems.add(at(buyerRef ? "buyer" : `parties[${buyerPartyIndex}]`), buyer.name ?? buyer.ids[0]!, "other-buyer",
      `the buyer is ${buyer.name ?? buyer.ids[0]}, not the institution whose folder the file is in: a notice belongs in its buyer's folder`);
  }

  const tender = isObject(value.tender) ? value.tender : {};
  const classification = isObject(tender.classification) ? tender.classification : {};
  const category = text(classification.description) ?? text(tender.mainProcurementCategory);
  const contractsList = list(value.contracts);
  const contracts: NoticeContract[] = [];
  list(value.awards).forEach((award, awardIndex) => {
    const awardPath = jsonPath(at("awards"), awardIndex);
    if (!isObject(award)) {
      problems.add(awardPath, shown(award), "not-a-release", "an award that is not an object");
      return;
    }
    if (NOT_AWARDED.has(String(award.status))) return;
    const awardId = text(award.id) ?? String(awardIndex);
    const suppliers = readSuppliers(award, awardPath, path, parties, partyIndex, problems);
    const signed = contractsList.flatMap((contract, index) => (isObject(contract) && text(contract.awardID) === awardId ? [{ contract, index }] : []));
    const units = signed.length > 0 ? signed.map(({ contract, index }) => ({ contract, unitPath: jsonPath(at("contracts"), index), id: text(contract.id) ?? awardId })) : [{ contract: null, unitPath: awardPath, id: awardId }];
    for (const { contract, unitPath, id } of units) {
      const places = (key: string): [string, unknown][] => [
        ...(contract ? [[jsonPath(unitPath, key), contract[key]] as [string, unknown]] : []),
        [jsonPath(awardPath, key), award[key]],
        [jsonPath(at("tender"), key), tender[key]],
      ];
      // The tender's value is the whole procurement's: it stands for an award's only when the award is the only one.
      const onlyContract = list(value.awards).length === 1 && units.length === 1;
      const valuePence = readValue(onlyContract ? places("value") : places("value").slice(0, -1), problems);
      const { start, end } = readPeriod(contract ? [[jsonPath(unitPath, "period"), contract.period], ...places("contractPeriod").slice(1)] : places("contractPeriod"), problems);
      const kpis = readMetrics([[awardPath, award], ...(contract ? [[unitPath, contract] as [string, JsonObject]] : [])], problems);
      if (ocid === null || valuePence === null || start === null || end === null || suppliers.length === 0) continue;
      contracts.push({
        contractId: contractIdOf(ocid, id), awardId, path: unitPath,
        title: text(contract?.title) ?? text(award.title) ?? text(tender.title), category,
        valuePence, start, end, suppliers, kpis,
      });
    }
  });
  if (ocid === null) return null;
  return { ocid, releaseId: text(value.id), date: text(value.date), tags: list(value.tag).filter((tag): tag is string => typeof tag === "string"), buyerName: buyer.name, contracts };
}

/** The suppliers an award lists (`awards[i].suppliers[]`, each referring to a party by id), in order. */
function readSuppliers(award: JsonObject, awardPath: string, releasePath: string, parties: readonly unknown[], partyIndex: ReadonlyMap<string, number>, problems: Problems): NoticeSupplier[] {
  const refs = list(award.suppliers);
  if (refs.length === 0) {
    problems.add(jsonPath(awardPath, "suppliers"), null, "missing-value", "the award lists no supplier");
    return [];
  }
  const suppliers: NoticeSupplier[] = [];
  refs.forEach((ref, position) => {
    const refPath = jsonPath(jsonPath(awardPath, "suppliers"), position);
    const id = isObject(ref) ? text(ref.id) : null;
    const index = id === null ? undefined : partyIndex.get(id);
    if (id !== null && index === undefined) {
      problems.add(jsonPath(refPath, "id"), id, "unknown-party", `supplier "${id}" is not among the release's parties (its identifiers and address cannot be read)`);
      return;
    }
    const party = index === undefined ? null : parties[index];
    const partyPath = index === undefined ? refPath : jsonPath(jsonPath(releasePath, "parties"), index);
    const legalName = isObject(party) && isObject(party.identifier) ? text(party.identifier.legalName) : null;
    const name = text(isObject(party) ? party.name : undefined) ?? legalName ?? (isObject(ref) ? text(ref.name) : null);
    if (name === null) {
      problems.add(jsonPath(partyPath, "name"), null, "missing-value", "the supplier has no name");
      return;
    }
    const read = readParty(isObject(party) ? party : {}, partyPath, problems);
    const { supplierId, supplierName } = namedSupplier(name);
    suppliers.push({ position: position + 1, supplierId, supplierName, partyId: id, ...read });
  });
  return suppliers;
}
