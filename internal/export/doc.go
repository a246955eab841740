// Package export writes stored scans for analysts and other tools:
// CSV (for Dutch Excel or for pandas and R), XLSX, JSON Lines (what
// import reads) and the EDIH Digital Maturity Assessment (DMA) shape.
//
// # Streaming
//
// Every format streams over the store (store.DB.EachRaw: the result JSON
// as stored, read without copies) with a small JSON reader of its own
// that takes only what the columns need: memory stays flat however many
// scans. Write to a file with safefile.Write: the export goes to a
// temporary file beside the target, which is renamed into place only when
// the export succeeded, so an interrupted export leaves nothing
// half-written.
//
// # Columns (CSV and XLSX)
//
// One row per scan: id (or a pseudonym), company_id, dates, questionnaire
// id and version, catalogue, language, mode, advisor and organisation,
// how the business heard of the scan, the three consents, company name,
// KVK and establishment number, profile (sector, size, municipality,
// province), impact, readiness, quadrant and the thresholds it was placed
// with, maturity and band, the six dimension scores (empty: not
// applicable), the digital intensity (version, count, level, basic, and
// each indicator as dii.<id>), the advanced technologies, each answer
// (q.<question>, q.<question>.<item> for a matrix item; multiple choice as
// a|b), the top referrals (referral_1…) and the scan's latest follow-up
// (programme, outcome, date). The XLSX export lists them with their meaning
// on a second sheet.
//
// The answer columns are those of the questionnaires the selected scans
// were scored with: across several versions the union of their questions,
// in the order of the newest version, questions only older versions asked
// after them. A version the resolver cannot supply (an old version of the
// embedded questionnaire) uses the columns of the version it can, with a
// warning in the [Summary]; use Filter.QuestionnaireVersion to export one
// version only.
//
// # CSV dialects and formula neutralisation
//
// The CSV is written by internal/csvout. [csvout.Excel] (the default) is
// ";" with decimal commas, a UTF-8 BOM and CRLF, without a "sep=" line
// (Excel would then ignore the BOM): it opens right in Dutch Excel by
// double-click. [csvout.RFC4180] is "," with decimal points, no BOM and
// CRLF line ends (as RFC 4180 prescribes), for pandas, R and databases. In
// both, a text cell that Excel would run as a formula (one that starts with
// = + - @, a tab or a carriage return) gets a leading apostrophe (see
// [csvout.FormulaPrefix]); number cells never do. Yes/no values are 1 and
// 0, dates YYYY-MM-DD.
//
// # XLSX
//
// Written by [XLSXWriter], a small streaming writer (a workbook is a zip of
// a few XML parts; inline strings, no shared-string table): numbers and
// yes/no are typed cells, the header row is bold and frozen. Not
// excelize: linking it would cost every digiscan command about 7 ms of
// package initialisation (its init alone, measured with
// GODEBUG=inittrace=1), export or not. The tests read the files back with
// excelize.
//
// # Anonymised exports
//
// Options.Anonymize is the export for sharing: only scans with
// consent-statistics; no scan id but a pseudonym (pid), no company name,
// KVK or establishment number, no free-text answers, no heard_via, no
// village (place) or business association, no advisor or organisation;
// the quarter (2026-Q4) instead of dates. CSV and XLSX are k-anonymous
// (Options.K, default 5) on municipality, sector, size and period: see
// kanon.go and [Anonymity]; JSON and DMA keep those values as they are and
// are refused above k = 1 ([ErrNotKAnonymous]). Pseudonyms (scans
// and companies, so re-scans stay linked) are HMAC-SHA256 under a key drawn
// at random for each export and never stored: they cannot be traced back,
// and two exports cannot be linked. See [Pseudonyms].
//
// # DMA
//
// [DMA] writes the EDIH Digital Maturity Assessment columns for the items
// the questionnaire maps (`dma:` references), with T0/T1 time points by
// company; identifiable columns only with consent-handover.
package export
