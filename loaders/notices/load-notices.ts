import { InputError } from "../../src/core/errors.js";
import type { Warehouse } from "../../src/warehouse/warehouse.js";
import type { LoadOutcome } from "../load-outcome.js";
import { writeQuarantine, type QuarantineEntry } from "../quarantine.js";
import { supplierNameKey } from "../schema/normalise-supplier-name.js";
import { insertRows } from "../social-value/read-social-value-table.js";
import { jsonPath } from "./json-path.js";
import type { Problems } from "./notice-problems.js";
import { readOcdsText } from "./read-ocds-file.js";
import { readRelease, type Buyer, type NoticeContract, type NoticeRelease } from "./read-release.js";

type Owner = {
  id: string;
  name: string;
  odsCode: string | null;
};

/**
 * Whether a notice's buyer is the institution: the same name (by the supplier-name key: case, punctuation, LIMITED
 * as LTD…), or an id that is the institution's id or ODS code (alone, or ending an org-id such as `GB-NHS-RWK`).
 */
function buyerIs(owner: Owner): (buyer: Buyer) => boolean {
  const codes = [owner.id, owner.odsCode].filter((code): code is string => code !== null && code !== "").map((code) => code.toUpperCase());
  const nameKey = supplierNameKey(owner.name);
  return (buyer) => (buyer.name !== null && supplierNameKey(buyer.name) === nameKey)
    || buyer.ids.some((id) => codes.some((code) => id.toUpperCase() === code || id.toUpperCase().endsWith(`-${code}`)));
}

interface LoadedRelease {
  rowNumber: number;
  path: string;
  release: NoticeRelease;
}

/** An award of a contracting process: what a later release of the process gives again, perhaps as contracts signed under it. */
const awardKey = (ocid: string, awardId: string) => `${ocid}\u0000${awardId}`;

/**
 * Which contracts of each award are current: those the latest release giving the award gives (by its date as
 * written, then the later file, then the later release in the file), whether as the award itself or as contracts
 * signed under it (a contract award notice, then its contract details notice). Returns, per contract of this file
 * (by release row and award), the file that supersedes it (null: current), and the earlier current rows this file
 * supersedes.
 */
async function decideCurrent(warehouse: Warehouse, institutionId: string, fileId: number, loaded: readonly LoadedRelease[]) {
  const latest = new Map<string, { date: string; rowNumber: number }>();
  for (const { rowNumber, release } of loaded) {
    for (const contract of release.contracts) {
      const key = awardKey(release.ocid, contract.awardId);
      const best = latest.get(key);
      const date = release.date ?? "";
      if (!best || date > best.date || (date === best.date && rowNumber > best.rowNumber)) latest.set(key, { date, rowNumber });
    }
  }
  const awards = [...latest.keys()].map((key) => key.split("\u0000")).map(([ocid, award_id]) => ({ ocid, award_id }));
  const earlier = awards.length === 0 ? [] : await warehouse.all<{ file_id: number; contract_id: string; ocid: string; award_id: string; release_date: string | null }>(
    `SELECT c.file_id, c.contract_id, n.ocid, n.award_id, n.release_date FROM sv_contracts c
     JOIN notice_contracts n ON n.file_id = c.file_id AND n.row_number = c.row_number AND n.contract_id = c.contract_id
     WHERE c.superseded_by IS NULL AND c.institution_id = $institution
       AND EXISTS (SELECT 1 FROM (SELECT unnest(from_json($awards, '[{"ocid":"VARCHAR","award_id":"VARCHAR"}]'), recursive := true)) a
                   WHERE a.ocid = n.ocid AND a.award_id = n.award_id)`,
    { institution: institutionId, awards: JSON.stringify(awards) },
  );
  const supersededBy = (rowNumber: number, ocid: string, awardId: string): number | null => {
    const key = awardKey(ocid, awardId);
    const best = latest.get(key)!;
    if (best.rowNumber !== rowNumber) return fileId;
    const kept = earlier.find((row) => awardKey(row.ocid, row.award_id) === key && (row.release_date ?? "") > best.date);
    return kept ? Number(kept.file_id) : null;
  };
  const replaced = earlier
    .filter((row) => (row.release_date ?? "") <= latest.get(awardKey(row.ocid, row.award_id))!.date)
    .map((row) => ({ file_id: Number(row.file_id), contract_id: row.contract_id }));
  return { supersededBy, replaced };
}

/**
 * Loads a file of published notices (OCDS, loaders/notices/read-ocds-file.ts) for the institution whose folder it is
 * in. A row is a release (a record's compiled release): loaded, or quarantined with every fault it holds, each
 * under the JSON path of the fault (`releases[12].awards[0].value.amount`) as its column. A loaded release's
 * awards become contracts of the social value contracts register (the weighting not stated: notices do not give
 * it), each with every supplier the award lists and the KPIs the notice sets; a release with no award (a tender
 * notice) loads and gives none. A notice whose buyer is another body is quarantined (`other-buyer`).
 */
export async function loadNotices(warehouse: Warehouse, text: string, path: string, fileId: number, institutionId: string | null): Promise<LoadOutcome> {
  if (institutionId === null) {
    throw new InputError("no institution.json in its folder or above: notices belong to their buyer; put the file in the folder whose institution.json names the buyer", { file: path });
  }
  const owner = await warehouse.one<Owner>(
    "SELECT institution_id AS id, name, ods_code AS \"odsCode\" FROM institutions WHERE institution_id = ?", [institutionId]);
  const isOwnBuyer = buyerIs(owner);
  const quarantined: QuarantineEntry[] = [];
  const loaded: LoadedRelease[] = [];
  const seen = new Map<string, number>();
  const located = readOcdsText(text, path);
  for (const { rowNumber, path: releasePath, value, fault } of located) {
    const found: QuarantineEntry[] = [];
    const problems: Problems = { add: (column, rawValue, code, reason) => found.push({ row: rowNumber, column, rawValue, code, reason }) };
    const release = fault ? null : readRelease(value, releasePath, isOwnBuyer, problems);
    if (fault) problems.add(fault.path, fault.rawValue, fault.code, fault.reason);
    const key = release ? `${release.ocid}\u0000${release.releaseId ?? ""}` : "";
    const earlier = seen.get(key);
    if (release && earlier !== undefined) problems.add(jsonPath(releasePath, "id"), release.releaseId, "duplicate-key", `release ${release.releaseId ?? "(no id)"} of ${release.ocid} is also release ${earlier} of the file`);
    if (release && found.length === 0) seen.set(key, rowNumber);
    if (found.length > 0 || !release) quarantined.push(...found);
    else loaded.push({ rowNumber, path: releasePath, release });
  }
  await writeNotices(warehouse, fileId, institutionId, loaded);
  await writeQuarantine(warehouse, fileId, path, quarantined);
  return { rowsRead: located.length, rowsLoaded: loaded.length, rowsQuarantined: located.length - loaded.length };
}

async function writeNotices(warehouse: Warehouse, fileId: number, institutionId: string, loaded: readonly LoadedRelease[]): Promise<void> {
  const { supersededBy, replaced } = await decideCurrent(warehouse, institutionId, fileId, loaded);
  await warehouse.run(
    `UPDATE sv_contracts SET superseded_by = $file WHERE superseded_by IS NULL AND institution_id = $institution AND EXISTS (
       SELECT 1 FROM (SELECT unnest(from_json($rows, '[{"file_id":"INTEGER","contract_id":"VARCHAR"}]'), recursive := true)) r
       WHERE r.file_id = sv_contracts.file_id AND r.contract_id = sv_contracts.contract_id)`,
    { file: fileId, institution: institutionId, rows: JSON.stringify(replaced) },
  );
  const contracts = loaded.flatMap(({ rowNumber, release }) => release.contracts.map((contract) => ({ rowNumber, release, contract })));
  const base = (rowNumber: number, contract: NoticeContract) => ({ file_id: fileId, row_number: rowNumber, institution_id: institutionId, contract_id: contract.contractId });
  await insertRows(warehouse, "sv_contracts",
    { file_id: "INTEGER", row_number: "INTEGER", institution_id: "VARCHAR", contract_id: "VARCHAR", supplier_id: "VARCHAR", supplier_name: "VARCHAR",
      title: "VARCHAR", category: "VARCHAR", value: "DECIMAL(18,2)", start_date: "DATE", end_date: "DATE", question_ids: "VARCHAR[]", superseded_by: "INTEGER" },
    contracts.map(({ rowNumber, release, contract }) => ({
      ...base(rowNumber, contract), supplier_id: contract.suppliers[0]!.supplierId, supplier_name: contract.suppliers[0]!.supplierName,
      title: contract.title, category: contract.category, value: (contract.valuePence / 100).toFixed(2), start_date: contract.start, end_date: contract.end,
      question_ids: [], superseded_by: supersededBy(rowNumber, release.ocid, contract.awardId),
    })));
  await insertRows(warehouse, "notice_contracts",
    { file_id: "INTEGER", row_number: "INTEGER", institution_id: "VARCHAR", contract_id: "VARCHAR", ocid: "VARCHAR", award_id: "VARCHAR", release_date: "VARCHAR", json_path: "VARCHAR" },
    contracts.map(({ rowNumber, release, contract }) => ({ ...base(rowNumber, contract), ocid: release.ocid, award_id: contract.awardId, release_date: release.date, json_path: contract.path })));
  await insertRows(warehouse, "sv_contract_suppliers",
    { file_id: "INTEGER", row_number: "INTEGER", institution_id: "VARCHAR", contract_id: "VARCHAR", position: "INTEGER", supplier_id: "VARCHAR", supplier_name: "VARCHAR",
      party_id: "VARCHAR", company_number: "VARCHAR", charity_number: "VARCHAR", ppon: "VARCHAR", identifiers: "VARCHAR[]", postcode: "VARCHAR",
      postcode_from: "VARCHAR", scale: "VARCHAR", is_sme: "BOOLEAN", is_vcse: "BOOLEAN" },
    contracts.flatMap(({ rowNumber, contract }) => contract.suppliers.map((supplier) => ({
      ...base(rowNumber, contract), position: supplier.position, supplier_id: supplier.supplierId, supplier_name: supplier.supplierName,
      party_id: supplier.partyId, company_number: supplier.companyNumber, charity_number: supplier.charityNumber, ppon: supplier.ppon,
      identifiers: supplier.identifiers, postcode: supplier.postcode, postcode_from: supplier.postcodeFrom, scale: supplier.scale,
      is_sme: supplier.isSme, is_vcse: supplier.isVcse,
    }))));
  await insertRows(warehouse, "sv_contract_kpis",
    { file_id: "INTEGER", row_number: "INTEGER", institution_id: "VARCHAR", contract_id: "VARCHAR", kpi_id: "VARCHAR", title: "VARCHAR", description: "VARCHAR",
      rating: "VARCHAR", observed_value: "DOUBLE", unit: "VARCHAR", period_end: "VARCHAR" },
    contracts.flatMap(({ rowNumber, contract }) => contract.kpis.map((kpi) => ({
      ...base(rowNumber, contract), kpi_id: kpi.kpiId, title: kpi.title, description: kpi.description, rating: kpi.rating,
      observed_value: kpi.observedValue, unit: kpi.unit, period_end: kpi.periodEnd,
    }))));
  await insertRows(warehouse, "notice_releases",
    { file_id: "INTEGER", row_number: "INTEGER", json_path: "VARCHAR", institution_id: "VARCHAR", ocid: "VARCHAR", release_id: "VARCHAR",
      release_date: "VARCHAR", tags: "VARCHAR[]", buyer_name: "VARCHAR", contracts: "INTEGER" },
    loaded.map(({ rowNumber, path, release }) => ({
      file_id: fileId, row_number: rowNumber, json_path: path, institution_id: institutionId, ocid: release.ocid, release_id: release.releaseId,
      release_date: release.date, tags: release.tags, buyer_name: release.buyerName, contracts: release.contracts.length,
    })));
}
