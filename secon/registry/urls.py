"""Registry URLs, one module per area of work: the registry pages, import/export, "join us", GDPR."""

from secon.registry import gdpr_urls, import_urls, join_urls, ui_urls

manage_patterns = [
    *ui_urls.manage_patterns,
    *import_urls.manage_patterns,
    *join_urls.manage_patterns,
    *gdpr_urls.manage_patterns,
]
public_patterns = [*join_urls.public_patterns, *gdpr_urls.public_patterns]
