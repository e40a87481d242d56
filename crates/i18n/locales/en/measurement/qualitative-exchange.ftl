# Exchanging interview studies with qualitative-analysis programs (REFI-QDA, .qdpx).

err-qdpx-not-zip = The file is neither a REFI-QDA project (.qdpx) nor a project file (.qde).
err-qdpx-no-project = The file holds no REFI-QDA project: project.qde is missing.
err-qdpx-xml = The project file (project.qde) is not valid XML and cannot be read.
err-qdpx-too-large = The project is too large to import.
err-qdpx-source = The text of one of the project's sources is missing from the file or is not text.
err-qdpx-guid = The project has an id (GUID) not in the form the standard requires.
err-qdpx-duplicate = The same id (GUID) is used twice in the project.
err-qdpx-reference = The project refers to a code, user, source or note it does not contain.
err-qdpx-position = A coded passage lies outside its text.
err-qdpx-value = A date and time or a colour in the project is not in the form the standard requires.
