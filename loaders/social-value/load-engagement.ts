import { DATE_EXPECTED, parseDate } from "../cells/parse-date.js";
import { parseCodeList, parseCount, parseEngagementKind } from "./parse-social-value-cells.js";
import { insertRows, loadedInstitutions, readTableRows, type SocialValueTableLoader, writeTableQuarantine } from "./read-social-value-table.js";
import { ENGAGEMENT_FIELDS } from "./social-value-fields.js";

interface EngagementRow {
  row_number: number;
  institution_id: string;
  event_date: string;
  kind: string;
  title: string | null;
  contract_ids: string[];
  priority_codes: string[];
  attendees: number;
  service_users: number | null;
  local_suppliers: number | null;
}

/**
 * Loads an engagement log: market engagement events, supplier briefings, service-user panels and co-design
 * sessions, with the contracts or priorities each served, attendees, service users involved and local
 * suppliers reached. An engagement log is usually re-issued whole: an event in a later file (same
 * institution, date, kind and title) supersedes the same event in an earlier file.
 */
export const loadEngagement: SocialValueTableLoader = async (warehouse, sheetTable, path, fileId, folderInstitutionId) => {
  const institutions = await loadedInstitutions(warehouse);
  const table = readTableRows(sheetTable, ENGAGEMENT_FIELDS, path, "engagement log", (row): EngagementRow | null => {
    const dateText = row.text("date");
    const date = parseDate(dateText);
    if (date === null) row.problem("date", dateText, dateText === "" ? "missing-value" : "not-a-date", dateText === "" ? `the date is empty (${DATE_EXPECTED})` : `"${dateText}" is not a date (${DATE_EXPECTED})`);
    const institutionId = row.text("institution") || folderInstitutionId;
    if (!institutionId) {
      row.problem("institution", "", "no-institution", "no institution: name it in the Institution column or put the file in a folder with an institution.json");
    } else if (!institutions.has(institutionId)) {
      row.problem("institution", institutionId, "unknown-institution", `institution "${institutionId}" is not loaded (load its institution.json first)`);
    }
    const kind = row.parsed("kind", parseEngagementKind(row.text("kind")));
    const attendees = row.parsed("attendees", parseCount(row.text("attendees")));
    if (attendees === null) row.problem("attendees", "", "missing-value", "the number of attendees is empty");
    const serviceUsers = row.parsed("service_users", parseCount(row.text("service_users")));
    const localSuppliers = row.parsed("local_suppliers", parseCount(row.text("local_suppliers")));
    if (!date || !institutionId || !kind || attendees === undefined || attendees === null || serviceUsers === undefined || localSuppliers === undefined) return null;
    return {
      row_number: row.rowNumber, institution_id: institutionId, event_date: date, kind, title: row.text("title") || null,
      contract_ids: parseCodeList(row.text("contracts")), priority_codes: parseCodeList(row.text("priorities")),
      attendees, service_users: serviceUsers, local_suppliers: localSuppliers,
    };
  });
  await warehouse.run(
    `UPDATE sv_engagement SET superseded_by = $file
     WHERE superseded_by IS NULL AND EXISTS (
       SELECT 1 FROM (SELECT unnest(from_json($events, '[{"institution_id":"VARCHAR","event_date":"DATE","kind":"VARCHAR","title":"VARCHAR"}]'), recursive := true)) e
       WHERE e.institution_id = sv_engagement.institution_id AND e.event_date = sv_engagement.event_date AND e.kind = sv_engagement.kind
         AND lower(coalesce(e.title, '')) = lower(coalesce(sv_engagement.title, '')))`,
    { file: fileId, events: JSON.stringify(table.accepted.map(({ institution_id, event_date, kind, title }) => ({ institution_id, event_date, kind, title }))) },
  );
  await insertRows(warehouse, "sv_engagement",
    { file_id: "INTEGER", row_number: "INTEGER", institution_id: "VARCHAR", event_date: "DATE", kind: "VARCHAR", title: "VARCHAR",
      contract_ids: "VARCHAR[]", priority_codes: "VARCHAR[]", attendees: "INTEGER", service_users: "INTEGER", local_suppliers: "INTEGER" },
    table.accepted.map((event) => ({ ...event, file_id: fileId })));
  await writeTableQuarantine(warehouse, fileId, path, sheetTable, table.quarantined);
  const dates = table.accepted.map((event) => event.event_date).sort();
  return { rowsRead: table.rowsRead, rowsLoaded: table.accepted.length, rowsQuarantined: table.rowsQuarantined, firstDate: dates[0], lastDate: dates.at(-1) };
};
