/**
 * The published layouts of Companies House basic company data and the Charity Commission register extract
 * (/work/shared/reference/layouts/README.md), for the scripts that write made-up register files in them.
 */
// The header line as published (leading spaces and all).
export const COMPANIES_HEADER =
  "CompanyName, CompanyNumber,RegAddress.CareOf,RegAddress.POBox,RegAddress.AddressLine1, RegAddress.AddressLine2,RegAddress.PostTown,RegAddress.County,RegAddress.Country,RegAddress.PostCode,CompanyCategory,CompanyStatus,CountryOfOrigin,DissolutionDate,IncorporationDate,Accounts.AccountRefDay,Accounts.AccountRefMonth,Accounts.NextDueDate,Accounts.LastMadeUpDate,Accounts.AccountCategory,Returns.NextDueDate,Returns.LastMadeUpDate,Mortgages.NumMortCharges,Mortgages.NumMortOutstanding,Mortgages.NumMortPartSatisfied,Mortgages.NumMortSatisfied,SICCode.SicText_1,SICCode.SicText_2,SICCode.SicText_3,SICCode.SicText_4,LimitedPartnerships.NumGenPartners,LimitedPartnerships.NumLimPartners,URI,PreviousName_1.CONDATE, PreviousName_1.CompanyName, PreviousName_2.CONDATE, PreviousName_2.CompanyName,PreviousName_3.CONDATE, PreviousName_3.CompanyName,PreviousName_4.CONDATE, PreviousName_4.CompanyName,PreviousName_5.CONDATE, PreviousName_5.CompanyName,PreviousName_6.CONDATE, PreviousName_6.CompanyName,PreviousName_7.CONDATE, PreviousName_7.CompanyName,PreviousName_8.CONDATE, PreviousName_8.CompanyName,PreviousName_9.CONDATE, PreviousName_9.CompanyName,PreviousName_10.CONDATE, PreviousName_10.CompanyName,ConfStmtNextDueDate, ConfStmtLastMadeUpDate";
const COMPANY_COLUMNS = COMPANIES_HEADER.split(",").map((heading) => heading.trim());

// The key columns of the layout README, in the order of the Charity Commission's published extract (the column
// order around them is the extract's data definition as recalled, not checked against a real copy).
export const CHARITY_COLUMNS = [
  "date_of_extract", "organisation_number", "registered_charity_number", "linked_charity_number", "charity_name", "charity_type",
  "charity_registration_status", "date_of_registration", "date_of_removal", "charity_reporting_status",
  "latest_acc_fin_period_start_date", "latest_acc_fin_period_end_date", "latest_income", "latest_expenditure",
  "charity_contact_address1", "charity_contact_address2", "charity_contact_address3", "charity_contact_address4", "charity_contact_address5",
  "charity_contact_postcode", "charity_contact_phone", "charity_contact_email", "charity_contact_web",
  "charity_company_registration_number", "charity_insolvent", "charity_in_administration", "charity_previously_excepted",
  "charity_is_cdf_or_cuf", "charity_is_cio", "cio_is_dissolved", "date_cio_dissolution_notice", "charity_activities",
  "charity_gift_aid", "charity_has_land",
];

export type Row = Record<string, string>;

/** Every value quoted, "" for a quote inside, CRLF: as Companies House publishes. */
export function companiesCsv(rows: Row[]): string {
  const quote = (value: string) => `"${value.replace(/"/g, '""')}"`;
  return [COMPANIES_HEADER, ...rows.map((row) => COMPANY_COLUMNS.map((column) => quote(row[column] ?? "")).join(","))].join("\r\n") + "\r\n";
}

/** Tab-separated, values unquoted, CRLF. */
export function charityTsv(rows: Row[]): string {
  return [CHARITY_COLUMNS.join("\t"), ...rows.map((row) => CHARITY_COLUMNS.map((column) => row[column] ?? "").join("\t"))].join("\r\n") + "\r\n";
}

export const company = (name: string, number: string, postcode: string, category: string, status: string, accounts: string, sic: string[] = []): Row => ({
  CompanyName: name, CompanyNumber: number, "RegAddress.PostCode": postcode, CompanyCategory: category, CompanyStatus: status,
  CountryOfOrigin: "United Kingdom", IncorporationDate: "01/04/2015", "Accounts.AccountCategory": accounts,
  ...Object.fromEntries(sic.map((code, index) => [`SICCode.SicText_${index + 1}`, code])),
  URI: `http://business.data.gov.uk/id/company/${number}`,
});

export const charity = (number: string, linked: string, name: string, status: string, postcode: string, company: string, income: string): Row => ({
  date_of_extract: "", organisation_number: "", registered_charity_number: number, linked_charity_number: linked, charity_name: name,
  charity_type: "Other", charity_registration_status: status, date_of_registration: "2010-05-04 00:00:00", charity_contact_postcode: postcode,
  charity_company_registration_number: company, latest_income: income, charity_is_cio: "False",
});

