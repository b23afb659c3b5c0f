"""The Elasticsearch index definition (settings, analyzers, mapping) for a versioned name."""

from elasticsearch.dsl import Index

from search.documents import EntryDocument, analyzers, similarities


def build_index(name):
    index = Index(name)
    index.settings(number_of_shards=1, number_of_replicas=0, similarity=similarities())
    index.mapping(EntryDocument._doc_type.mapping)
    for each in analyzers():
        index.analyzer(each)
    return index
