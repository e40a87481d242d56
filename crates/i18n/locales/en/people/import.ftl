# Importing participants and peer workers from a spreadsheet.

err-import-duplicate = The same value is already on line { $line }.
err-import-cpr-leading-zero = The CPR number has only 9 digits; the spreadsheet probably removed the leading 0. Format the column as text and save the file again.
err-import-unknown-programme = The programme does not exist in the organisation. Write its name as it stands under Programmes.

import-title = Import from a spreadsheet
import-intro = Load participants or peer workers from a spreadsheet: an Excel workbook (.xlsx), an OpenDocument spreadsheet (.ods) or a CSV file (UTF-8, or Excel's "CSV (semicolon separated)"). Only the first sheet is read. Check first: every row with a problem is shown with its line and column. The import saves all rows or none.
import-kind = What the file holds
import-file = File (.xlsx, .ods or CSV)
import-file-hint = The first line names the columns, e.g. Name;Status;Languages;Programme;Email. At most 10,000 rows.
import-check = Check
import-commit = Import
import-uploading = Sending the file …
import-result = Result
import-checked = { $rows } rows read ({ $format }); { $valid } without problems.
import-unread = The file could not be read.
import-created = { $n } created.
import-clean = The file has no problems and can be imported.
import-nothing-written = Nothing was saved. Correct the rows in the spreadsheet and try again.
import-problems = Problems by row
import-line = Line
import-column = Column
import-field = Field
import-problem = Problem
err-import-no-file = Choose a file.
nav-import = Import
