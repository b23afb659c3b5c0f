"""HSDS import: every HSDS 3 shape and legacy 1.x packages into Ruta's directory.

``sources`` reads inputs safely, ``shapes``/``tabular``/``legacy`` turn them into HSDS 3
tables, ``validation`` runs the standard's checks, ``importer``/``children`` map rows with
``normalise``, ``writer`` is the only module that writes models, ``runner`` ties them
together and ``report`` says what happened. See docs/directory.md.
"""
