"""Registry URLs, one module per concept: records, import, "join us", privacy (GDPR)."""

from secon.registry.imports import urls as import_urls
from secon.registry.join import urls as join_urls
from secon.registry.privacy import urls as privacy_urls
from secon.registry.records import urls as record_urls

manage_patterns = [
    *record_urls.manage_patterns,
    *import_urls.manage_patterns,
    *join_urls.manage_patterns,
    *privacy_urls.manage_patterns,
]
public_patterns = [*join_urls.public_patterns, *privacy_urls.public_patterns]
