// The operations' series: trucks by activity, work done, energy by carrier, CO2, costs and
// stations.
#include <stdexcept>
#include <string>

#include "chain.hpp"
#include "series_registry.hpp"
#include "station.hpp"

namespace truckflow::models::detail {

namespace {

template <typename T, typename U>
void copy(std::span<const T> from, std::span<U> out) {
  if (from.size() != out.size()) throw std::logic_error("a series' reader got values of another shape");
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = static_cast<U>(from[i]);
}

/// Each station's value of `read`.
template <typename T, typename Read>
void per_station(const Chain& c, std::span<T> out, Read read) {
  for (std::size_t s = 0; s < out.size(); ++s) out[s] = static_cast<T>(read(c.operations.station(s)));
}

/// What trucks running on `C` used, by site and truck type (zero for types of other carriers).
template <Carrier C>
void read_used(const Chain& c, std::span<double> out) {
  const Grid<double>& used = c.operations.used;
  if (used.flat().size() != out.size()) throw std::logic_error("a series' reader got values of another shape");
  for (std::size_t r = 0; r < used.rows(); ++r) {
    for (std::size_t t = 0; t < used.columns(); ++t) {
      const bool runs_on = carrier_of(c.desc.truck_types[t].powertrain) == C;
      out[r * used.columns() + t] = runs_on ? used(r, t) : 0.0;
    }
  }
}

/// What stations selling `C` dispensed (zero at stations selling another carrier).
template <Carrier C>
void read_dispensed(const Chain& c, std::span<double> out) {
  per_station(c, out, [](const Station& s) { return s.carrier() == C ? s.dispensed() : 0.0; });
}

template <Carrier C>
void read_stock(const Chain& c, std::span<double> out) {
  per_station(c, out, [](const Station& s) { return s.carrier() == C ? s.stock() : 0.0; });
}

std::string units_name(Carrier carrier) {
  std::string unit = unit_of(carrier);
  for (char& ch : unit) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return unit;
}

template <Carrier C>
void declare_carrier_series(SeriesRegistry& r) {
  const std::string carrier = to_string(C);
  const std::string suffix = "_" + units_name(C);
  r.reals({carrier + "_used" + suffix,
           {"site", "truck_type"},
           unit_of(C),
           carrier + " used by the site's trucks (cumulative)",
           Measure::cumulative},
          read_used<C>);
  r.reals({carrier + "_dispensed" + suffix,
           {"station"},
           unit_of(C),
           carrier + " put in trucks by the station (cumulative)",
           Measure::cumulative},
          read_dispensed<C>);
  if constexpr (C != Carrier::electricity) {
    r.reals(
        {carrier + "_stock" + suffix, {"station"}, unit_of(C), carrier + " in the station's storage", Measure::level},
        read_stock<C>);
  }
}

}  // namespace

void declare_operation_series(SeriesRegistry& r) {
  std::vector<std::string> activities;
  for (std::size_t i = 0; i < truck_activity_count; ++i)
    activities.emplace_back(to_string(static_cast<TruckActivity>(i)));
  r.dimension({"activity", "what a truck in service is doing", activities});

  r.counts(
      {"trucks_by_activity",
       {"activity", "truck_type"},
       "trucks",
       "trucks in service by what they are doing",
       Measure::level},
      [](const Chain& c, std::span<std::int64_t> out) { copy(c.operations.activity_counts(c.sim.now()).flat(), out); });
  r.counts({"truck_breakdowns", {"truck_type"}, "breakdowns", "breakdowns (cumulative)", Measure::cumulative},
           [](const Chain& c, std::span<std::int64_t> out) {
             copy(std::span<const std::int64_t>(c.operations.breakdowns), out);
           });
  r.counts({"truck_strandings",
            {"truck_type"},
            "strandings",
            "times a truck found no station it could reach that serves it (cumulative)",
            Measure::cumulative},
           [](const Chain& c, std::span<std::int64_t> out) {
             copy(std::span<const std::int64_t>(c.operations.strandings), out);
           });

  r.reals({"truck_service_years",
           {"site", "truck_type"},
           "year",
           "years the site's trucks have been in service, summed over the trucks (cumulative)",
           Measure::cumulative},
          [](const Chain& c, std::span<double> out) {
            const std::size_t types = c.desc.truck_types.size();
            for (std::size_t i = 0; i < out.size(); ++i) {
              out[i] = c.operations.service_years(i / types, i % types, c.sim.now());
            }
          });
  r.counts({"site_loads", {"site", "truck_type"}, "loads", "loads delivered (cumulative)", Measure::cumulative},
           [](const Chain& c, std::span<std::int64_t> out) { copy(c.operations.site_loads.flat(), out); });
  r.reals({"site_tonnes_moved", {"site", "truck_type"}, "t", "tonnes delivered (cumulative)", Measure::cumulative},
          [](const Chain& c, std::span<double> out) { copy(c.operations.site_tonnes.flat(), out); });
  r.reals({"site_tonnes_required",
           {"site"},
           "t",
           "tonnes the site must move, from its first truck's arrival on its working days (cumulative)",
           Measure::cumulative},
          [](const Chain& c, std::span<double> out) {
            for (std::size_t s = 0; s < out.size(); ++s) out[s] = c.operations.tonnes_required(s, c.sim.now());
          });
  r.reals({"site_bay_wait_hours",
           {"site"},
           "h",
           "hours trucks waited for a loading or unloading bay, summed over the loads (cumulative)",
           Measure::cumulative},
          [](const Chain& c, std::span<double> out) {
            for (std::size_t s = 0; s < out.size(); ++s) out[s] = c.operations.bay_wait_hours(s);
          });
  r.reals({"truck_km", {"site", "truck_type"}, "km", "distance driven (cumulative)", Measure::cumulative},
          [](const Chain& c, std::span<double> out) { copy(c.operations.km.flat(), out); });
  r.reals(
      {"tonne_km", {"site", "truck_type"}, "t km", "tonnes carried times distance (cumulative)", Measure::cumulative},
      [](const Chain& c, std::span<double> out) { copy(c.operations.tonne_km.flat(), out); });

  declare_carrier_series<Carrier::electricity>(r);
  declare_carrier_series<Carrier::hydrogen>(r);
  declare_carrier_series<Carrier::methanol>(r);
  declare_carrier_series<Carrier::diesel>(r);

  const std::vector<std::string> by_site{"site", "truck_type"};
  r.reals({"co2_tank_to_wheel_kg", by_site, "kg", "CO2 from trucks' exhausts (cumulative)", Measure::cumulative},
          [](const Chain& c, std::span<double> out) { copy(c.operations.co2_tank_to_wheel_kg.flat(), out); });
  r.reals({"co2_well_to_wheel_kg", by_site, "kg",
           "CO2 from exhausts and from making and bringing the energy used (cumulative)", Measure::cumulative},
          [](const Chain& c, std::span<double> out) { copy(c.operations.co2_well_to_wheel_kg.flat(), out); });
  r.reals({"co2_diesel_equivalent_kg", by_site, "kg",
           "well-to-wheel CO2 of the scenario's diesel truck type on the same trips with the same loads (cumulative)",
           Measure::cumulative},
          [](const Chain& c, std::span<double> out) { copy(c.operations.co2_diesel_equivalent_kg.flat(), out); });
  r.reals({"energy_cost_cny", by_site, "CNY", "paid at stations (cumulative)", Measure::cumulative},
          [](const Chain& c, std::span<double> out) { copy(c.operations.energy_cost_cny.flat(), out); });
  r.reals({"maintenance_cost_cny", by_site, "CNY", "maintenance by distance (cumulative)", Measure::cumulative},
          [](const Chain& c, std::span<double> out) { copy(c.operations.maintenance_cost_cny.flat(), out); });

  const std::vector<std::string> by_station{"station"};
  r.counts({"station_servers", by_station, "servers", "chargers, swap lanes, dispensers or nozzles", Measure::level},
           [](const Chain& c, std::span<std::int64_t> out) {
             per_station(c, out, [](const Station& s) { return s.servers(); });
           });
  r.counts({"station_busy_servers", by_station, "servers", "servers serving a truck", Measure::level},
           [](const Chain& c, std::span<std::int64_t> out) {
             per_station(c, out, [&c](const Station& s) { return s.busy(c.sim.now()); });
           });
  r.counts({"station_queue_trucks", by_station, "trucks", "trucks waiting for a server, a charged pack or fuel",
            Measure::level},
           [](const Chain& c, std::span<std::int64_t> out) {
             per_station(c, out, [&c](const Station& s) { return s.queue(c.sim.now()); });
           });
  r.counts({"station_visits", by_station, "visits",
            "visits counted (cumulative): at a charging or swap station when the truck arrives (the visit's course, "
            "energy and cost are known then), at a fuel station when it leaves",
            Measure::cumulative},
           [](const Chain& c, std::span<std::int64_t> out) {
             per_station(c, out, [](const Station& s) { return s.visits(); });
           });
  r.counts({"station_turned_away_trucks", by_station, "trucks",
            "trucks of the station's other traffic that went elsewhere, their wait longer than its max_wait_hours "
            "(cumulative)",
            Measure::cumulative},
           [](const Chain& c, std::span<std::int64_t> out) {
             per_station(c, out, [](const Station& s) { return s.turned_away(); });
           });
  r.reals({"station_wait_hours", by_station, "h",
           "hours trucks waited before service, summed over the visits (cumulative; over station_visits: the mean "
           "wait)",
           Measure::cumulative},
          [](const Chain& c, std::span<double> out) {
            per_station(c, out, [](const Station& s) { return s.wait_hours(); });
          });
  r.reals({"station_service_hours", by_station, "h", "hours servers spent serving trucks (cumulative)",
           Measure::cumulative},
          [](const Chain& c, std::span<double> out) {
            per_station(c, out, [](const Station& s) { return s.service_hours(); });
          });
  r.reals({"station_server_hours", by_station, "h",
           "hours servers were available since the station opened (cumulative; station_service_hours over it: the "
           "utilization)",
           Measure::cumulative},
          [](const Chain& c, std::span<double> out) {
            per_station(c, out, [&c](const Station& s) { return s.server_hours(c.sim.now()); });
          });
  r.reals(
      {"station_dry_hours", by_station, "h",
       "hours with a truck waiting because the station had no fuel or charged pack (cumulative)", Measure::cumulative},
      [](const Chain& c, std::span<double> out) {
        per_station(c, out, [&c](const Station& s) { return s.dry_hours(c.sim.now()); });
      });
  r.counts({"station_charged_packs", by_station, "packs", "charged packs in a swap station's stock", Measure::level},
           [](const Chain& c, std::span<std::int64_t> out) {
             per_station(c, out, [&c](const Station& s) { return s.charged_packs(c.sim.now()); });
           });
  r.reals({"station_grid_kwh", by_station, "kWh", "electricity a charging or swap station bought (cumulative)",
           Measure::cumulative},
          [](const Chain& c, std::span<double> out) {
            per_station(c, out, [](const Station& s) { return s.grid_kwh(); });
          });
  r.reals({"station_revenue_cny", by_station, "CNY", "what trucks paid the station (cumulative)", Measure::cumulative},
          [](const Chain& c, std::span<double> out) {
            per_station(c, out, [](const Station& s) { return s.revenue_cny(); });
          });
  r.reals({"station_purchases_cny", by_station, "CNY",
           "what the station paid for electricity or deliveries (cumulative)", Measure::cumulative},
          [](const Chain& c, std::span<double> out) {
            per_station(c, out, [](const Station& s) { return s.purchases_cny(); });
          });
}

}  // namespace truckflow::models::detail
