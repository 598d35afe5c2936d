// The failover time of several nodes (issue 21): two tavolo nodes on one
// PostgreSQL behind HAProxy (the shipped config/haproxy.cfg), one meeting of
// `--clients` participants submitting; the node that hosts it is killed
// (SIGKILL). Prints, as one JSON line, the time from the kill until every
// client had joined again (max and median), with what was acknowledged and
// stored (tests/support/failover_scenario.hpp; the integration test
// failover_test checks the same run).
//
// usage: failover_bench [--clients N] [--per-client K] [--lease-seconds S]
#include "support/failover_scenario.hpp"

#include <iostream>

int main(int argc, char** argv) {
    int clients = 50, per_client = 12, lease = 5;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string const a = argv[i];
        int const v = std::stoi(argv[i + 1]);
        if (a == "--clients")
            clients = v;
        else if (a == "--per-client")
            per_client = v;
        else if (a == "--lease-seconds")
            lease = v;
        else {
            std::cerr << "usage: failover_bench [--clients N] [--per-client K] "
                         "[--lease-seconds S]\n";
            return 2;
        }
    }
    auto const r = tavolo::test::run_failover(clients, per_client, lease);
    std::cout << nlohmann::json{{"failover",
                                 {{"clients", r.clients},
                                  {"lease_seconds", r.lease_seconds},
                                  {"acknowledged", r.acknowledged},
                                  {"stored", r.stored},
                                  {"duplicates", r.stored - r.stored_distinct},
                                  {"acknowledged_missing", r.acknowledged_missing},
                                  {"views_complete", r.views_complete},
                                  {"resumed_max_seconds", r.resumed_max_s},
                                  {"resumed_median_seconds", r.resumed_median_s}}}}
                     .dump()
              << std::endl;
    bool const whole = r.acknowledged_missing == 0 && r.stored == r.stored_distinct &&
                       r.views_complete == r.clients;
    return whole ? 0 : 1;
}
