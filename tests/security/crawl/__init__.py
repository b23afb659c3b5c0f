"""The crawl test's parts: markers planted in every private field of the demo data
(``plant``, ``pages``, ``policy``) and an anonymous client that reads every public output
(``site``, ``apis``, ``outputs``), each output scanned by ``markers``."""
