// Package store keeps digiscan's data in one embedded SQLite database
// (modernc.org/sqlite, no cgo): completed scans with their full result,
// the companies behind them, drafts, referral follow-ups, consent
// withdrawals and the ids of erased scans.
//
// # Opening
//
// [Open] creates the database when missing (directory 0700, file 0600;
// the -wal and -shm files SQLite creates beside it inherit the file's
// mode) and applies the schema migrations, all in one transaction, with
// the schema version in PRAGMA user_version and a digiscan mark in PRAGMA
// application_id. It refuses, without writing anything: a file that is not
// SQLite or is another program's database ([ErrNotDatabase]), one made by
// a newer digiscan ([ErrNewerSchema]), one on a network file system
// ([ErrNetworkFS]: WAL needs memory shared between the processes that use
// the file; keep one database per advisor on a local disk and merge with
// export and import), and a location it cannot write ([ErrReadOnly]).
//
// Every connection runs with journal_mode=WAL, busy_timeout ([BusyTimeout]),
// foreign_keys=ON, secure_delete=ON, synchronous=FULL and BEGIN IMMEDIATE
// for every transaction (see [DSN]). FULL rather than NORMAL: a scan is
// saved once per interview, and the one extra fsync per commit (about a
// millisecond here) buys a saved scan that survives a power cut, where
// NORMAL only survives a killed process.
//
// # Concurrency
//
// Several processes on one machine may use the database at once (a scan
// beside a batch import). Writes are short BEGIN IMMEDIATE transactions,
// so a writer waits for another (up to [BusyTimeout]) instead of failing
// half-way; [DB.Import] commits in batches of at most 50 ms and pauses
// between them so a scan saved meanwhile gets in. [ErrBusy] means another
// process held the database for longer than the timeout: tell the person
// to try again.
//
// # Reading
//
// [DB.Each] streams the scans a [Filter] selects (date range,
// municipality, sector, size, quadrant, mode, questionnaire version,
// consent-statistics only, latest scan per company, company, follow-ups
// due) with flat memory however many there are. The common filters walk
// an index in date order, so no query sorts in memory. A [Record] carries
// the columns statistics need (scores, dimensions, DII, advanced
// technologies, consents, profile) without decoding JSON, and the stored
// result JSON unless Filter.NoJSON is set. [DB.ExportJSONL] writes what
// [DB.Import] reads.
//
// # Erasure, withdrawal and retention
//
// [DB.DeleteCompany] (right to erasure), [DB.DeleteScan] and [DB.Purge]
// delete the rows, then [DB.Scrub] checkpoints the WAL into the database
// file and truncates it to zero bytes. With secure_delete the freed space
// in the database file is overwritten with zeros, and DeleteCompany then
// checks the raw pages (sqlite_dbpage) for the erased names and KVK
// numbers and runs VACUUM if one is still there: afterwards they are in
// neither the .db, the -wal nor the -shm file (unless another company
// still carries the same name; [Erasure] lists such records). The ids of
// erased scans are kept (an id is a date and random letters, nothing about
// the business) so that importing an older export does not bring the
// scans back. [DB.WithdrawConsent] narrows a consent; its documentation
// says what each withdrawal does.
//
// # Errors
//
// Errors carry short lowercase context and wrap one of the Err values
// ([ErrNotFound], [ErrNotDatabase], [ErrNewerSchema], [ErrReadOnly],
// [ErrFull], [ErrBusy], [ErrInvalid], [ErrNoConsent], …) or are one of the
// types [*ConflictError], [*InvalidLinesError] and [*AmbiguousError], so a
// caller maps them to exit codes in one place with errors.Is and errors.As.
package store
