# Reading tables from files: CSV, Excel workbooks (.xlsx) and OpenDocument spreadsheets (.ods).
# A problem is named with its place: line, column and the column's header.

table-at-cell = Line { $line }, column { $column } ({ $name }): { $problem }
table-at-column = Line { $line }, column { $column }: { $problem }
table-at-line = Line { $line }: { $problem }

table-format-csv = CSV, { $encoding }, separated by { $delimiter }
table-format-xlsx = Excel workbook (.xlsx)
table-format-ods = OpenDocument spreadsheet (.ods)
table-delimiter-semicolon = semicolons
table-delimiter-comma = commas
table-delimiter-tab = tabs

err-table-empty = The file is empty.
err-table-not-text = The file is neither text (CSV) nor a spreadsheet that can be read.
err-table-unsupported = The file (.{ $detail }) is not a spreadsheet that can be read. Save it as an Excel workbook (.xlsx), an OpenDocument spreadsheet (.ods) or CSV.
err-table-damaged = The file (.{ $detail }) cannot be read as a spreadsheet; it may be damaged. Open it in the spreadsheet program and save it again.
err-table-too-large = The spreadsheet is too large once unpacked. Split it into several files.
err-table-unreadable = The line cannot be read.
err-table-unclosed-quote = The field opens a quote that is never closed. A quote inside a field must be doubled ("").
err-table-cell-error = The cell holds a formula error ({ $value }). Correct the formula, or type the value in.
err-table-no-header = The first line must be a header with the columns' names. Known columns: { $detail }.
err-table-unknown-column = The column "{ $name }" is not known. Known columns: { $detail }.
err-table-duplicate-column = The column "{ $name }" appears more than once.
err-table-missing-column = The column "{ $detail }" is missing from the header.
err-table-no-rows = The file has a header but no rows.
err-table-too-many = The file has more than { $detail } rows. Split it into several files.
err-table-short-row = The row ends before this column; it has only { $detail } fields. Every row needs a field (it may be empty) for each column of the header.
err-table-too-wide = At most { $detail } columns are read. Delete the cell, or move the table further to the left.
err-table-extra-cell = A value stands in a column without a header. Put quotes around fields that contain a comma or semicolon.
