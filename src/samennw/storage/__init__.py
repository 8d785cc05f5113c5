"""Storage: reading, the repository, the cache, safe writing and git."""
