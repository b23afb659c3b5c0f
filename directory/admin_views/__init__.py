"""The directory's own admin screens (registered in ``directory.wagtail_hooks``): members
keep their institution's listing and bed counts, maintainers review and look after the
directory, managers name their institution's staff."""
