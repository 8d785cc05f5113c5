"""The domain: pydantic models of the data files, dates, people and teams."""
