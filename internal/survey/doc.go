// Package survey batch-scores survey exports (digiscan score FILE.csv):
// one respondent a row, scored, referred and written out as it is read.
//
// # Input
//
// Three kinds of file, told apart by their header:
//
//   - the template's own: the questions by id, each matrix item as
//     question.item, and optionally a column "id" of respondent ids
//     (copied to the output);
//   - LimeSurvey's response export of the survey WriteLimeSurvey writes:
//     question codes, Q[SQ001] per matrix item or multiple-choice option
//     ("Y" when ticked), answer codes, and its metadata columns (id,
//     submitdate, lastpage, startlanguage, seed, …);
//   - any other tool's, through a Map (Options.Map): headings to question
//     ids, answer texts to option ids, a separator, columns to skip, the
//     response date's column and format.
//
// Cells hold option ids or the options' texts (Dutch or English labels,
// compared without case, accents or runs of spaces); multiple choice as
// a|b, a;b, a,b or "a, b"; yes/no as yes, no, true, false, ja, nee, y, n,
// 1 or 0 (or dont-know where the question has it); numbers with a decimal
// point or comma; an empty cell is no answer. The separator, "," or ";",
// is read from the header; a UTF-8 BOM, CRLF line ends and quoted cells
// spanning lines are fine; a file that is certainly Windows-1252 is read
// as such (Summary.Encoding), another encoding refused with ErrEncoding.
// Before any row: required questions without a column and columns given
// twice are a *ColumnsError; columns that name no question or item are
// listed in Summary.Ignored (with a suggestion), or with
// Options.StrictColumns a *ColumnsError too. Empty rows are skipped
// (Summary.Blank); a KVK number of 7 digits gets its leading zero back
// (Summary.Warnings). A submitdate column (or the map's date column) is
// each row's as-of date.
//
// # Rows
//
// Each row is checked as an answers file is (scan.Check: hidden questions
// answered, missing answers, exclusive options; the messages are the same),
// scored with mode survey, referred to programmes, and written: a CSV row
// (row number, respondent id, scan id, profile, impact, readiness,
// quadrant, maturity, dimensions, DII, advanced technologies, top
// referrals) or a JSON Lines scan.Result (what import reads). A row that
// fails is skipped and reported with its row number and the line of the
// file it starts on (Summary.Problems: the first 100, all counted); with
// Options.Strict the first one fails the run, and since every row is then
// checked before any is scored, nothing is written and nothing saved.
// Options.Save receives the results in order (for store.DB.SaveScans).
//
// # Performance
//
// GOMAXPROCS workers take turns reading a batch of rows from the CSV
// reader and score it while its cells are still in their core's cache;
// the caller's goroutine writes the batches in input order. Memory is
// bounded by the batches in flight, whatever the file's size. A row goes
// from its cells straight into the scorer's index form (scan.Sheet).
// Written as CSV and not saved, a row builds only the answers the
// catalogue's conditions read, asks referral.Match for the top programmes
// only, and every worker reuses one result; JSON Lines and Options.Save
// get the whole result. The two give the same CSV (tested).
package survey
