-- Found by the reads-at-volume benchmark (docs/benchmarks.md) on 100,000 requests, each was a scan of data_request:
-- a request's renewals, read on its page and API answer;
CREATE INDEX ix_data_request_renewal_of ON data_request (renewal_of);
-- the lists of requests, newest first: read in this order, a page stops after its rows instead of sorting them all;
CREATE INDEX ix_data_request_created ON data_request (created_at, id);
-- a person's own requests under way, newest first, on the home page.
CREATE INDEX ix_data_request_requester_created ON data_request (requester, created_at, id);
