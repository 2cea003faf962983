"""Import of organisations and people from CSV/XLSX: mapping, dry run, all-or-nothing write.

The file is read as a stream in the task worker, within the limits of the settings, and validated
against lookups of the partner's registry built once (identifiers, e-mails, normalised names). The
result is a `Plan`: what each row would create, update or merge, and every bad row with its row
number, column and reason. The dry run stores the plan's report; confirming validates again (the
registry may have changed) and writes the plan in one transaction with bulk inserts and updates.

How rows meet records:
- an identifier (KRS, NIP, REGON; a person's e-mail) already in the registry → the row updates it
  (non-empty cells overwrite, empty cells leave fields alone);
- no identifier, the same normalised name (and town) as exactly one record → the row is merged into it
  (it only fills fields that are empty);
- a row naming the same organisation or person as an earlier row of the file → it updates what the
  earlier row creates (reported as a duplicate in the file);
- identifiers that point at different records, or contradict the record they match → a bad row.

Modules: `columns` (fields and mapping), `plan` (the plan, cell parsing), `organisations` and `people`
(planning), `reading` (the file, limits, heartbeat), `writing` (the transaction), `services` (the
batch's life), `files` (retention and erasure of the uploaded files).
"""

from secon.lib.tabular import TabularError
from secon.registry.imports.columns import Column, columns_for, mapping_errors, suggest_mapping
from secon.registry.imports.plan import Plan
from secon.registry.imports.reading import import_limits, make_plan, max_import_bytes
from secon.registry.imports.services import (
    bad_rows_csv,
    cancel_import,
    check_import,
    confirm_import,
    import_file_for_partner,
    is_stuck,
    read_import,
    requeue_import,
    run_check,
    upload_import,
    write_import,
)
from secon.registry.tasks import write_import_task  # the task's former address, for tasks queued before

__all__ = [
    "Column",
    "Plan",
    "TabularError",
    "bad_rows_csv",
    "cancel_import",
    "check_import",
    "columns_for",
    "confirm_import",
    "import_file_for_partner",
    "import_limits",
    "is_stuck",
    "make_plan",
    "mapping_errors",
    "max_import_bytes",
    "read_import",
    "requeue_import",
    "run_check",
    "suggest_mapping",
    "upload_import",
    "write_import",
    "write_import_task",
]
