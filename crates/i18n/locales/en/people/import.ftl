# Importing participants and peer workers from a spreadsheet.

err-import-empty = The file is empty.
err-import-no-header = The first line must be a header with the columns' names. Known columns: { $detail }.
err-import-no-rows = The file has a header but no rows.
err-import-unknown-column = Column { $column }, "{ $name }", is not known. Known columns: { $detail }.
err-import-duplicate-column = The column "{ $name }" (column { $column }) appears more than once.
err-import-missing-column = The column "{ $detail }" is missing from the header.
err-import-unclosed-quote = A field in column { $column } on line { $line } opens a quote that is never closed. A quote inside a field must be doubled ("").
err-import-too-many = The file has more than 10,000 rows. Split it into several files.
err-import-duplicate = The same value is already on line { $line }.
err-import-extra-fields = The row has a value in a column without a header. Put quotes around fields that contain a comma or semicolon.
err-import-cpr-leading-zero = The CPR number has only 9 digits; the spreadsheet probably removed the leading 0. Format the column as text and save the file again.
err-import-unknown-programme = The programme does not exist in the organisation. Write its name as it stands under Programmes.

import-title = Import from a spreadsheet
import-intro = Load participants or peer workers from a spreadsheet saved as CSV (UTF-8, or Excel's "CSV (semicolon separated)"). Check first: every row with a problem is shown. The import saves all rows or none.
import-kind = What the file holds
import-file = File (CSV)
import-file-hint = The first line names the columns, e.g. Name;Status;Languages;Programme;Email. At most 10,000 rows.
import-check = Check
import-commit = Import
import-uploading = Sending the file …
import-result = Result
import-checked = { $rows } rows read ({ $encoding }, separated by "{ $delimiter }"); { $valid } without problems.
import-created = { $n } created.
import-clean = The file has no problems and can be imported.
import-nothing-written = Nothing was saved. Correct the rows in the spreadsheet and try again.
import-problems = Problems by row
import-line = Line
import-field = Field
import-problem = Problem
err-import-no-file = Choose a file.
nav-import = Import
