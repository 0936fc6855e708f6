"""Open standards: the catalogue out as CASE and ELM, a CASE framework back in.

- :mod:`.case`: qualifications and trajectories as 1EdTech CASE 1.1 packages
  (CFPackage), the format OpenSALT and CASS read.
- :mod:`.case_import`: a CASE framework back into a ProfessionalQualification
  (:mod:`.case_tree` maps one package);
  :mod:`.json_input` reads the file within the loader's limits.
- :mod:`.elm`: earned certificates as a Europass learning credential and the
  qualifications as ELM ``Qualification`` objects (European Learning Model).
- :mod:`.identifiers`: the UUIDs and URIs all of them share, derived from the
  trajectkit id and a base URI, so they are the same on every run;
  :mod:`.jurisdiction`: the country and language ELM needs, per profile.

The modules build JSON-able data from the model and the catalogue; the commands
(``trajectkit.commands.export``, ``.attest``, ``.import_competences``) load the
catalogue, refuse what would make the answer wrong and write the files atomically.
"""
