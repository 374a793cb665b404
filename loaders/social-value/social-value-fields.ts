/**
 * Headings of the social value tables (question bank, contracts register, supplier returns, engagement log,
 * proxy values), in the same form as the synonym table in column-synonyms.ts: headings are compared after
 * `headingKey`, so "Social Value Weighting (%)" and "social value weighting" are one heading. Each kind's
 * required fields are chosen so that no spend file or supplier register can be mistaken for it.
 */
import type { FieldSpec } from "../schema/column-synonyms.js";

export const QUESTION_BANK_FIELDS: readonly FieldSpec[] = [
  { field: "question_id", required: true, synonyms: ["Question ID", "Question Id", "Question Code", "Question Ref", "Question Reference"] },
  { field: "question", required: true, synonyms: ["Question", "Question Text", "Social Value Question", "Wording"] },
  { field: "theme", required: true, synonyms: ["Theme", "Social Value Theme", "SVM Theme", "Model Theme"] },
  { field: "policy_outcome", required: false, synonyms: ["Policy Outcome", "Outcome", "Policy Outcomes"] },
  { field: "measure_codes", required: false, synonyms: ["Measure Codes", "Measures", "Measure Code", "Reporting Measures"] },
];

export const CONTRACT_FIELDS: readonly FieldSpec[] = [
  { field: "contract_id", required: true, synonyms: ["Contract ID", "Contract Id", "Contract Reference", "Contract Ref", "Contract Number", "Contract No"] },
  { field: "institution", required: false, synonyms: ["Institution", "Institution ID", "Buyer", "Contracting Authority", "Organisation"] },
  { field: "supplier", required: true, synonyms: ["Supplier", "Supplier Name", "Contractor", "Provider"] },
  { field: "title", required: false, synonyms: ["Title", "Contract Title", "Description", "Contract Description"] },
  { field: "category", required: false, synonyms: ["Category", "Procurement Category", "Service Category", "Contract Category"] },
  { field: "value", required: true, synonyms: ["Value", "Contract Value", "Total Value", "Value (£)", "Contract Value (£)", "Whole Life Value"] },
  { field: "start", required: true, synonyms: ["Start", "Start Date", "Contract Start", "Contract Start Date"] },
  { field: "end", required: true, synonyms: ["End", "End Date", "Contract End", "Contract End Date", "Expiry Date"] },
  { field: "weighting", required: true, synonyms: ["Social Value Weighting", "SV Weighting", "Social Value Weighting (%)", "Net Zero and Social Value Weighting", "Social Value %", "Weighting"] },
  { field: "questions", required: false, synonyms: ["Social Value Questions", "SV Questions", "Questions", "Questions Adopted", "Question IDs"] },
  { field: "priorities", required: false, synonyms: ["Priorities Served", "Question Priorities", "Priorities", "Priorities Each Question Serves"] },
  { field: "reporting_frequency", required: false, synonyms: ["Reporting Frequency", "Returns Frequency", "Reporting"] },
];

export const RETURN_FIELDS: readonly FieldSpec[] = [
  { field: "contract", required: true, synonyms: ["Contract", "Contract ID", "Contract Id", "Contract Reference", "Contract Ref"] },
  { field: "supplier", required: false, synonyms: ["Supplier", "Supplier Name", "Contractor", "Provider"] },
  { field: "period", required: true, synonyms: ["Reporting Period", "Period", "Return Period", "Quarter"] },
  { field: "measure", required: true, synonyms: ["Measure Code", "Measure", "Measure ID", "Metric Code"] },
  { field: "committed", required: true, synonyms: ["Committed", "Committed Quantity", "Commitment", "Target"] },
  { field: "delivered", required: true, synonyms: ["Delivered", "Delivered Quantity", "Actual", "Achieved"] },
  { field: "delivery_postcode", required: false, synonyms: ["Delivery Postcode", "Outcome Postcode", "Postcode Where Delivered", "Location Postcode", "Postcode"] },
  { field: "evidence", required: false, synonyms: ["Evidence Reference", "Evidence", "Evidence Ref"] },
  { field: "notes", required: false, synonyms: ["Notes", "Comments", "Note"] },
  { field: "local_respend_share", required: false, synonyms: ["Local Re-spend Share", "Local Respend Share (%)", "Local Re-spend (%)", "Local Supply Chain Share"] },
  { field: "local_staff_share", required: false, synonyms: ["Local Staff Share", "Staff Living Locally (%)", "Share of Staff Living Locally"] },
  { field: "staff_cost_share", required: false, synonyms: ["Staff Cost Share", "Staff Costs Share (%)", "Staff Cost Share of Contract Income"] },
];

export const ENGAGEMENT_FIELDS: readonly FieldSpec[] = [
  { field: "date", required: true, synonyms: ["Date", "Event Date", "Engagement Date"] },
  { field: "institution", required: false, synonyms: ["Institution", "Institution ID", "Organisation"] },
  { field: "kind", required: true, synonyms: ["Kind", "Engagement Kind", "Engagement Type", "Type", "Activity Type"] },
  { field: "title", required: false, synonyms: ["Title", "Event", "Event Name", "Description"] },
  { field: "contracts", required: false, synonyms: ["Contracts", "Contracts Served", "Contract IDs", "Contract"] },
  { field: "priorities", required: false, synonyms: ["Priorities", "Priorities Served", "Priority Codes"] },
  { field: "attendees", required: true, synonyms: ["Attendees", "Number of Attendees", "Attendance"] },
  { field: "service_users", required: false, synonyms: ["Service Users Involved", "Service Users", "Service User Participants"] },
  { field: "local_suppliers", required: false, synonyms: ["Local Suppliers Reached", "Local Suppliers"] },
];

/** A table of £ per unit of outcome: what a user with a licence for a values set (e.g. the National TOMs) loads. */
export const PROXY_VALUE_FIELDS: readonly FieldSpec[] = [
  { field: "measure", required: true, synonyms: ["Measure Code", "Measure", "Measure ID"] },
  { field: "value", required: true, synonyms: ["Proxy Value", "Proxy Value (£)", "Value per Unit", "Proxy Value per Unit", "Financial Proxy"] },
  { field: "source", required: true, synonyms: ["Source", "Proxy Source", "Value Source"] },
  { field: "year", required: true, synonyms: ["Year", "Price Year", "Value Year"] },
];
