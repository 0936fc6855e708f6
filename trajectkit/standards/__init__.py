"""Open standards: the catalogue out as CASE and ELM, a CASE framework back in.

- :mod:`.case`: qualifications and trajectories as 1EdTech CASE 1.1 packages
  (CFPackage), the format OpenSALT and CASS read.
- :mod:`.case_import`: a CASE framework back into a ProfessionalQualification.
- :mod:`.elm`: earned certificates as a Europass learning credential and the
  qualifications as ELM ``Qualification`` objects (European Learning Model).
- :mod:`.identifiers`: the UUIDs and URIs all of them share, derived from the
  trajectkit id and a base URI, so they are the same on every run.

The modules build JSON-able data from the model and the catalogue; :mod:`.commands`
loads the catalogue and writes the files.
"""
