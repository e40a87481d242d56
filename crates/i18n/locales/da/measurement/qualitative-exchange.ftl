# Udveksling af interviewstudier med programmer til kvalitativ analyse (REFI-QDA, .qdpx).

err-qdpx-not-zip = Filen er hverken et REFI-QDA-projekt (.qdpx) eller en projektfil (.qde).
err-qdpx-no-project = Filen indeholder intet REFI-QDA-projekt: der mangler en project.qde.
err-qdpx-xml = Projektfilen (project.qde) er ikke gyldig XML og kan ikke læses.
err-qdpx-too-large = Projektet er for stort til at blive indlæst.
err-qdpx-source = Teksten til en af projektets kilder mangler i filen eller er ikke tekst.
err-qdpx-guid = Projektet har et id (GUID), der ikke har den form, standarden kræver.
err-qdpx-duplicate = Det samme id (GUID) er brugt to gange i projektet.
err-qdpx-reference = Projektet henviser til en kode, bruger, kilde eller note, som det ikke indeholder.
err-qdpx-position = Et kodet tekststykke ligger uden for sin tekst.
err-qdpx-value = Et tidspunkt eller en farve i projektet har ikke den form, standarden kræver.
