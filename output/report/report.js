// The page of `truckflow report`: reads the results embedded in #truckflow-data (the JSON described
// in docs/report.md) and draws them with ECharts, inlined by truckflow before this script. No network,
// no framework. Each chart names the variables it needs; what a file lacks is said, not guessed.
"use strict";

(function () {
  const errors = [];
  function recordError(message) {
    errors.push(message);
    document.body.dataset.errors = errors.join("\n");
  }
  window.onerror = function (message, source, line) {
    recordError(String(message) + (line ? " (line " + line + ")" : ""));
  };
  window.addEventListener("unhandledrejection", function (event) {
    recordError("unhandled rejection: " + String(event.reason));
  });

  const DATA = JSON.parse(document.getElementById("truckflow-data").textContent);
  const VARS = DATA.variables || {};
  const ATTRS = DATA.attributes || {};
  const OMITTED = DATA.omitted || {};
  const COMPARE = (DATA.source && DATA.source.kind) === "compare" || ATTRS.truckflow_kind === "compare";
  const EXPERIMENT = (DATA.source && DATA.source.kind) === "experiment" || ATTRS.truckflow_kind === "experiment";
  // A comparison's run dimension: the one its `compared_<dimension>s` attribute names
  // (compared_truck_types: truck_type), truck_type when none does. Runs are alternatives, not parts.
  const RUN = (function () {
    const key = Object.keys(ATTRS).find(function (k) { return /^compared_\w+s$/.test(k); });
    return COMPARE && key ? key.slice("compared_".length, -1) : "truck_type";
  })();
  const BY_TYPE = COMPARE && RUN === "truck_type"; // the runs are the truck types themselves
  const state = { lang: "en", run: 0 };

  // ---------------------------------------------------------------------------------------------
  // Words, in both languages. Region and truck type names come from the file.
  const TEXT = {
    en: {
      toggle: "中文", run: "Run shown where runs are not side by side:", date: "date",
      missing: "not in this file: ", omitted: "left out of the report: ", nothing: "nothing to draw: the file has no values for it", notDrawn: "not drawn", failed: "could not be drawn: ",
      headlines: "Headline figures", figure: "figure", units: "units",
      sMap: "Regions, roads and flows", sProduction: "Production, deliveries and fleet",
      sStations: "Stations", sEnergy: "Energy, CO2 and cost of ownership by truck type",
      sValue: "Value-added, taxes and money between regions", sCompare: "Runs side by side",
      map: "Regions, roads, the chain's places, trucks delivered and money between regions",
      longitude: "longitude", latitude: "latitude", regions: "regions", roads: "roads",
      factories: "factories", suppliers: "suppliers", stations: "stations", sites: "sites",
      deliveries: "trucks delivered (factory region → site region)",
      money: "money paid between regions, all years", within: "delivered within the region",
      distance: "distance",
      chain: "Trucks ordered, built and delivered, backlog", trucks: "trucks", truckCount: "trucks",
      ordered: "ordered", built: "built", delivered: "delivered", backlog: "backlog at factories",
      builtByFactory: "Trucks built by factory and truck type",
      deliveredByRegion: "Trucks delivered by region of the site",
      fleetByRegion: "Fleet in service by region", fleetByType: "Fleet in service by truck type",
      fleetByRun: "Fleet in service by run",
      queue: "Trucks queueing at stations, by kind of station",
      utilization: "Utilization of station servers, by kind of station", busyShare: "busy servers / servers",
      waits: "Waits before service by station, over the run", wait: "wait",
      meanWait: "mean", p95Wait: "95th percentile", maxWait: "longest",
      stock: "Fuel in station storage", dry: "Hours stations were dry (a truck waiting, no fuel or pack)",
      dryHours: "dry hours", station: "station",
      energy: "Energy used by truck type, over the run",
      co2: "CO2 by truck type, over the run", ttw: "tank-to-wheel", wtw: "well-to-wheel",
      dieselEq: "diesel truck on the same trips", electricity: "electricity", hydrogen: "hydrogen",
      methanol: "methanol", diesel: "diesel", valueAddedAxis: "value-added", taxAxis: "local tax",
      ownershipAxis: "cost of ownership",
      ownership: "Cost of ownership by truck type", perTkm: "per tonne-km", perKm: "per km",
      valueAdded: "Value-added by region: recorded where it happens and credited after statistics sharing",
      recorded: "recorded", credited: "credited", region: "region", truckType: "truck type",
      tax: "Local tax by region: collected and after fiscal sharing transfers",
      collected: "collected", afterTransfers: "after transfers",
      sankey: "Money between regions, all years and kinds (payers left, payees right)",
      compareHeadlines: "Headline figures by run", tonnesByRun: "Tonnes moved by run", tonnes: "tonnes moved",
      all: "all stations",
      footerScenario: "Scenario", footerSeed: "seed", footerWritten: "results written by truckflow",
      footerReport: "report made by truckflow", footerThinned: "time axis: every {n}th sample and the last",
      stationKinds: {}, roles: {},
      kindRun: "run", kindCompareTypes: "comparison of truck types", kindCompare: "comparison, one run per ",
      kindExperiment: "experiment", sPoints: "Points of the experiment", sResponses: "Responses by point",
      sTornado: "Each factor alone: the mean at its lowest and highest level against the base point's",
      point: "point", base: "base", asBase: "as the base", replications: "replications", mean: "mean",
      ci95: "95% confidence interval of the mean", ci95half: "half-width of its 95% confidence interval",
      lowest: "lowest level", highest: "highest level", change: "change from the base point's mean",
      pointsShown: "the first {n} of {m} points", footerExperiment: "Experiment", footerBase: "base scenario",
      designs: { full_factorial: "full factorial", one_at_a_time: "one factor at a time", latin_hypercube: "Latin hypercube",
        sizing: "sizing search" },
      sizingFound: "Fewest {key} that keep the mean of the bounded wait ({first}) at most {bound} min: {n} (the points are the levels tried, in the order tried)",
      sizingNone: "No level of {key} searched keeps the mean of the bounded wait ({first}) at most {bound} min (the points are the levels tried, in the order tried)",
    },
    zh: {
      toggle: "English", run: "未并列比较的图表所示方案：", date: "日期",
      missing: "本文件中没有：", omitted: "未放入报告：", nothing: "无可绘制内容：文件中没有相应数值", notDrawn: "未绘制", failed: "无法绘制：",
      headlines: "主要指标", figure: "指标", units: "单位",
      sMap: "区域、道路与流向", sProduction: "生产、交付与车队",
      sStations: "能源站", sEnergy: "各车型的能耗、CO2 与拥有成本",
      sValue: "增加值、税收与区域间资金", sCompare: "方案并列比较",
      map: "区域、道路、链上各点、交付车辆与区域间资金",
      longitude: "经度", latitude: "纬度", regions: "区域", roads: "道路",
      factories: "工厂", suppliers: "供应商", stations: "能源站", sites: "应用场景",
      deliveries: "交付车辆（工厂所在区域 → 场景所在区域）",
      money: "区域间支付资金（全部年份）", within: "区域内交付",
      distance: "距离",
      chain: "订购、生产、交付车辆与积压", trucks: "车辆", truckCount: "辆",
      ordered: "订购", built: "生产", delivered: "交付", backlog: "工厂积压",
      builtByFactory: "各工厂各车型生产车辆",
      deliveredByRegion: "各区域（场景所在）交付车辆",
      fleetByRegion: "各区域在役车队", fleetByType: "各车型在役车队",
      fleetByRun: "各方案在役车队",
      queue: "能源站排队车辆（按站型）",
      utilization: "能源站设备利用率（按站型）", busyShare: "占用设备 / 设备",
      waits: "各能源站服务前等待（全期）", wait: "等待",
      meanWait: "平均", p95Wait: "95 百分位", maxWait: "最长",
      stock: "能源站储量", dry: "能源站断供小时（有车等待而无燃料或电池包）",
      dryHours: "断供小时", station: "能源站",
      energy: "各车型能耗（全期）",
      co2: "各车型 CO2（全期）", ttw: "油箱到车轮", wtw: "油井到车轮",
      dieselEq: "柴油车同等行程", electricity: "电", hydrogen: "氢", methanol: "甲醇", diesel: "柴油",
      valueAddedAxis: "增加值", taxAxis: "地方税收", ownershipAxis: "拥有成本",
      ownership: "各车型拥有成本", perTkm: "每吨公里", perKm: "每公里",
      valueAdded: "各区域增加值：发生地记录与统计分计后计入",
      recorded: "记录", credited: "计入", region: "区域", truckType: "车型",
      tax: "各区域地方税收：征收与税收分成转移后",
      collected: "征收", afterTransfers: "转移后",
      sankey: "区域间资金（全部年份与类别；左为付款方，右为收款方）",
      compareHeadlines: "各方案主要指标", tonnesByRun: "各方案运量", tonnes: "运量",
      all: "全部能源站",
      footerScenario: "情景", footerSeed: "随机种子", footerWritten: "结果由 truckflow 生成",
      footerReport: "报告由 truckflow 生成", footerThinned: "时间轴：每 {n} 个样本取一个，并含最后一个",
      stationKinds: { charging: "充电", swap: "换电", hydrogen: "加氢", methanol: "甲醇", diesel: "柴油" },
      roles: { host: "承载区", collaborating: "协同区" },
      kindRun: "单次运行", kindCompareTypes: "车型比较", kindCompare: "方案比较，每个运行一个 ",
      kindExperiment: "试验", sPoints: "试验点", sResponses: "各试验点的响应",
      sTornado: "单因素变化：各因子最低与最高水平下的均值相对基准点均值",
      point: "试验点", base: "基准", asBase: "同基准", replications: "重复次数", mean: "均值",
      ci95: "均值的 95% 置信区间", ci95half: "95% 置信区间半宽",
      lowest: "最低水平", highest: "最高水平", change: "相对基准点均值的变化",
      pointsShown: "仅列出前 {n} 个试验点（共 {m} 个）", footerExperiment: "试验", footerBase: "基准情景",
      designs: { full_factorial: "全因子设计", one_at_a_time: "单因素轮换", latin_hypercube: "拉丁超立方抽样", sizing: "规模搜索" },
      sizingFound: "使受限等待（{first}）均值不超过 {bound} 分钟的最少 {key}：{n}（试验点为按尝试顺序排列的水平）",
      sizingNone: "搜索范围内 {key} 的任何水平都不能使受限等待（{first}）均值不超过 {bound} 分钟（试验点为按尝试顺序排列的水平）",
    },
  };
  function t(key) {
    return TEXT[state.lang][key];
  }

  // ---------------------------------------------------------------------------------------------
  // Reading variables.
  function has(name) {
    return Object.prototype.hasOwnProperty.call(VARS, name);
  }
  function valuesOf(name) {
    const v = VARS[name].values;
    return Array.isArray(v) ? v : [v];
  }
  function units(name) {
    const a = has(name) ? VARS[name].attributes || {} : {};
    return a.units === undefined || a.units === null ? "" : String(a.units);
  }
  // The unit of one variable over another: 1 when they are the same, "CNY/(t km)" for CNY over t km.
  function ratioUnit(top, bottom) {
    const a = units(top);
    const b = units(bottom);
    if (a === b) return "1";
    return a + "/" + (b.indexOf(" ") >= 0 ? "(" + b + ")" : b);
  }
  // Text from the file, safe inside the HTML of a tooltip.
  function html(text) {
    return String(text).replace(/[&<>"]/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c];
    });
  }
  // Whether row `i` of the region-flow table is the chosen run's: a compare file holds each run's
  // rows in turn, with their run in region_flow_run.
  function flowOfChosenRun(i) {
    return !COMPARE || !has("region_flow_run") || valuesOf("region_flow_run")[i] === state.run;
  }
  function axisName(label, unit) {
    return unit ? label + " [" + unit + "]" : label;
  }

  // Sums `name` over every dimension not in `keep`, nulls (NaN, fill values) left out; a cell with
  // no value is null. In a compare file the runs are alternatives, not parts, so where a chart would
  // sum over the run dimension it shows the run chosen in the page instead.
  function reduce(name, keep) {
    const v = VARS[name];
    const dims = v.dims || [];
    const shape = v.shape || [];
    const values = valuesOf(name);
    keep.forEach(function (d) {
      if (dims.indexOf(d) < 0) throw new Error(name + " has no dimension " + d + " (its dimensions: " + dims.join(", ") + ")");
    });
    if (values.length !== shape.reduce(function (a, b) { return a * b; }, 1)) {
      throw new Error(name + " has " + values.length + " values for its shape [" + shape.join(", ") + "]");
    }
    const outShape = keep.map(function (d) { return shape[dims.indexOf(d)]; });
    const size = outShape.reduce(function (a, b) { return a * b; }, 1);
    const sum = new Float64Array(size);
    const seen = new Uint8Array(size);
    const pick = COMPARE && dims.indexOf(RUN) >= 0 && keep.indexOf(RUN) < 0 ? dims.indexOf(RUN) : -1;
    const outStride = dims.map(function (d) {
      const k = keep.indexOf(d);
      if (k < 0) return 0;
      let s = 1;
      for (let j = k + 1; j < keep.length; j++) s *= outShape[j];
      return s;
    });
    const index = dims.map(function () { return 0; });
    let o = 0; // the output cell of `index`, kept as the index steps through the values
    for (let i = 0; i < values.length; i++) {
      const x = values[i];
      if (typeof x === "number" && (pick < 0 || index[pick] === state.run)) {
        sum[o] += x;
        seen[o] = 1;
      }
      for (let d = dims.length - 1; d >= 0; d--) {
        if (++index[d] < shape[d]) {
          o += outStride[d];
          break;
        }
        index[d] = 0;
        o -= outStride[d] * (shape[d] - 1);
      }
    }
    const out = Array.from(sum, function (x, i) { return seen[i] ? x : null; });
    return {
      shape: outShape,
      values: out,
      column: function (j) {
        const c = [];
        for (let i = 0; i < outShape[0]; i++) c.push(out[i * outShape[1] + j]);
        return c;
      },
    };
  }
  // The last sample of `name` (over time), summed over every dimension but `keep`.
  function atEnd(name, keep) {
    const r = reduce(name, ["time"].concat(keep));
    const n = r.shape.slice(1).reduce(function (a, b) { return a * b; }, 1);
    return r.values.slice((r.shape[0] - 1) * n, r.shape[0] * n);
  }

  // Labels along a dimension: the scenario's names in the page's language where the file has them
  // (<dimension>_name_en, <dimension>_name_zh: regions, truck types), else in the other, else ids.
  function ids(dim) {
    return has(dim) ? valuesOf(dim).map(String) : [];
  }
  function labels(dim) {
    const own = ids(dim);
    const named = dim + "_name_";
    const other = state.lang === "zh" ? "en" : "zh";
    const first = has(named + state.lang) ? valuesOf(named + state.lang) : [];
    const second = has(named + other) ? valuesOf(named + other) : [];
    return own.map(function (id, i) { return first[i] || second[i] || id; });
  }
  function indexOf(dim) {
    const m = {};
    ids(dim).forEach(function (id, i) { m[id] = i; });
    return m;
  }

  // Sample times as JavaScript dates, from the CF units of `time` ("hours since 2026-01-01 00:00:00").
  let sampleTimes = null;
  function times() {
    if (sampleTimes) return sampleTimes;
    const m = /^\s*(\w+)\s+since\s+(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?/.exec(units("time"));
    const scale = { days: 864e5, day: 864e5, d: 864e5, hours: 36e5, hour: 36e5, h: 36e5,
      minutes: 6e4, minute: 6e4, seconds: 1e3, second: 1e3, s: 1e3 };
    const start = m ? Date.UTC(+m[2], +m[3] - 1, +m[4], +(m[5] || 0), +(m[6] || 0), +(m[7] || 0)) : 0;
    const step = m ? scale[m[1].toLowerCase()] || 36e5 : 36e5;
    sampleTimes = valuesOf("time").map(function (x) { return start + x * step; });
    return sampleTimes;
  }
  function overTime(series) {
    const ts = times();
    return ts.map(function (tm, i) { return [tm, series[i]]; });
  }

  // Numbers as the page's language writes them: large ones compact (1.2M in English, 120万 in
  // Chinese), small ones to 3 significant digits, others with at most 3 decimals and grouped
  // thousands. Written by hand: Intl's formatters took some 70 ms to start in a fresh page.
  const COMPACT = {
    en: [[1e12, "T"], [1e9, "B"], [1e6, "M"], [1e3, "K"]],
    zh: [[1e12, "万亿"], [1e8, "亿"], [1e4, "万"]],
  };
  function plainNumber(x, decimals) {
    const fixed = Math.abs(x).toFixed(decimals).replace(/\.?0+$/, "");
    const parts = fixed.split(".");
    const grouped = parts[0].replace(/\B(?=(\d{3})+$)/g, ",");
    return (x < 0 && Number(fixed) !== 0 ? "-" : "") + grouped + (parts[1] ? "." + parts[1] : "");
  }
  function formatNumber(x) {
    if (x === null || x === undefined || Number.isNaN(x)) return "–";
    if (Math.abs(x) >= 1e5) {
      const step = COMPACT[state.lang].find(function (c) { return Math.abs(x) >= c[0]; });
      return plainNumber(x / step[0], 2) + step[1];
    }
    if (x !== 0 && Math.abs(x) < 0.01) return String(Number(x.toPrecision(3)));
    return plainNumber(x, 3);
  }
  function withUnit(unit) {
    return function (x) { return formatNumber(x) + (unit ? " " + unit : ""); };
  }

  // ---------------------------------------------------------------------------------------------
  // Chart options.
  // ECharts measures text with this font too, so it must be a font list a canvas understands, not "inherit".
  const FONT = 'system-ui, "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';
  // Dates in UTC, as the file's times are (in local time, a reader west of Greenwich would see the
  // first of January as the last of December).
  const BASE = { animation: false, useUTC: true, textStyle: { fontFamily: FONT } };

  function timeOption(series, label, unit, stacked) {
    return Object.assign({}, BASE, {
      tooltip: { trigger: "axis", valueFormatter: withUnit(unit), confine: true },
      legend: { type: "scroll", top: 0 },
      grid: { left: 72, right: 24, top: 44, bottom: 48 },
      xAxis: { type: "time", name: t("date"), nameLocation: "middle", nameGap: 28 },
      yAxis: { type: "value", name: axisName(label, unit), nameLocation: "middle", nameGap: 56,
        axisLabel: { formatter: formatNumber } },
      series: series.map(function (s) {
        return { type: "line", name: s.name, data: overTime(s.data), showSymbol: false,
          stack: stacked ? "total" : undefined, areaStyle: stacked ? {} : undefined };
      }),
    });
  }

  // Bars over categories; labels that do not fit their slot of `width` pixels are wrapped, or, for
  // many categories, turned.
  function barOption(width, categories, categoryLabel, series, label, unit) {
    const turned = categories.length > 8;
    const slot = Math.max(40, (width - 96) / Math.max(1, categories.length) - 6);
    return Object.assign({}, BASE, {
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, valueFormatter: withUnit(unit), confine: true },
      legend: { type: "scroll", top: 0 },
      grid: { left: 72, right: 24, top: 44, bottom: turned ? 130 : 76 },
      xAxis: { type: "category", data: categories, name: categoryLabel, nameLocation: "middle",
        nameGap: turned ? 114 : 52,
        axisLabel: turned ? { interval: 0, rotate: 40, width: 150, overflow: "truncate" }
          : { interval: 0, width: slot, overflow: "break", lineHeight: 14 } },
      yAxis: { type: "value", name: axisName(label, unit), nameLocation: "middle", nameGap: 56,
        axisLabel: { formatter: formatNumber } },
      series: series.map(function (s) { return { type: "bar", name: s.name, data: s.data }; }),
    });
  }

  // Small charts side by side in one chart, each with its own units: [{title, unit, categories | time,
  // series: [{name, data}]}].
  function panelsOption(panels, columns, width, height) {
    const rows = Math.ceil(panels.length / columns);
    const cellWidth = width / columns;
    const cellHeight = (height - 36) / rows;
    const several = panels.some(function (p) { return p.series.length > 1; });
    const option = Object.assign({}, BASE, {
      tooltip: { trigger: "axis", confine: true }, legend: { show: several, type: "scroll", top: 0 },
      title: [], grid: [], xAxis: [], yAxis: [], series: [],
    });
    panels.forEach(function (p, i) {
      const col = i % columns;
      const row = Math.floor(i / columns);
      const left = cellWidth * col;
      const top = 36 + cellHeight * row;
      const slot = p.categories ? (cellWidth - 84) / p.categories.length - 4 : 0;
      option.title.push({ text: p.title, left: left + 8, top: top, textStyle: { fontSize: 13 } });
      option.grid.push({ left: left + 68, width: Math.max(40, cellWidth - 84), top: top + 30,
        height: Math.max(40, cellHeight - 100) });
      option.xAxis.push(p.categories
        ? { type: "category", gridIndex: i, data: p.categories, axisLabel: slot >= 56
          ? { interval: 0, width: slot, overflow: "break", lineHeight: 13 }
          : { interval: 0, rotate: 30, width: 90, overflow: "truncate" } }
        : { type: "time", gridIndex: i, name: t("date"), nameLocation: "middle", nameGap: 26, splitNumber: 3 });
      option.yAxis.push({ type: "value", gridIndex: i, name: axisName(p.label || "", p.unit),
        nameLocation: "middle", nameGap: 50, axisLabel: { formatter: formatNumber } });
      p.series.forEach(function (s) {
        option.series.push({ type: p.categories ? "bar" : "line", name: s.name, xAxisIndex: i, yAxisIndex: i,
          data: p.categories ? s.data : overTime(s.data), showSymbol: false,
          tooltip: { valueFormatter: withUnit(p.unit) } });
      });
    });
    return option;
  }

  // ---------------------------------------------------------------------------------------------
  // The map: regions at their coordinates on plain longitude/latitude axes (no boundaries), roads as
  // lines, the chain's places in rings around their region by kind, trucks delivered and money paid
  // between regions as arrows.
  function mapOption(width, height) {
    const region = ids("region");
    const names = labels("region");
    const at = indexOf("region");
    const lat = valuesOf("region_latitude_deg");
    const lon = valuesOf("region_longitude_deg");
    const grid = { left: 72, right: 24, top: 48, bottom: 48 };
    const w = Math.max(200, width - grid.left - grid.right);
    const h = Math.max(200, height - grid.top - grid.bottom);
    const lat0 = (Math.min.apply(null, lat) + Math.max.apply(null, lat)) / 2;
    const cos = Math.cos((lat0 * Math.PI) / 180);
    const margin = 0.6;
    const lonSpan = Math.max(0.5, Math.max.apply(null, lon) - Math.min.apply(null, lon)) + 2 * margin;
    const latSpan = Math.max(0.5, Math.max.apply(null, lat) - Math.min.apply(null, lat)) + 2 * margin;
    const pxPerDeg = Math.min(w / (lonSpan * cos), h / latSpan); // pixels per degree of latitude
    const lonMid = (Math.min.apply(null, lon) + Math.max.apply(null, lon)) / 2;
    const halfLon = w / pxPerDeg / cos / 2;
    const halfLat = h / pxPerDeg / 2;
    const point = function (i) { return [lon[i], lat[i]]; };
    const series = [];
    const round = function (x) { return Math.round(x * 1e4) / 1e4; };

    if (has("road_from") && has("road_to")) {
      const from = valuesOf("road_from");
      const to = valuesOf("road_to");
      const km = has("road_distance_km") ? valuesOf("road_distance_km") : [];
      series.push({ type: "lines", name: t("roads"), coordinateSystem: "cartesian2d", z: 1,
        lineStyle: { color: "#9aa5b1", width: 2, opacity: 0.8 },
        tooltip: { formatter: function (p) { return p.data.label; } },
        data: from.map(function (f, i) {
          return { coords: [point(at[f]), point(at[to[i]])],
            label: html(names[at[f]] + " – " + names[at[to[i]]]) +
              (km[i] != null ? "<br>" + t("distance") + ": " + withUnit(units("road_distance_km"))(km[i]) : "") };
        }).filter(function (d) { return d.coords[0][0] !== undefined && d.coords[1][0] !== undefined; }) });
    }

    const within = region.map(function () { return 0; });
    if (has("delivery_factory") && has("delivery_region") && has("factory_region")) {
      const factoryRegion = valuesOf("factory_region").map(function (r) { return at[r]; });
      const dest = valuesOf("delivery_region");
      const counts = {};
      valuesOf("delivery_factory").forEach(function (f, i) {
        const a = factoryRegion[f];
        const b = dest[i];
        if (a === undefined || b === null || b < 0) return;
        if (a === b) within[a] += 1;
        else counts[a + ">" + b] = (counts[a + ">" + b] || 0) + 1;
      });
      series.push(arrows(t("deliveries"), counts, 0.12, "#d9822b", t("truckCount")));
    }
    if (has("region_flow_payer_region") && has("region_flow_payee_region") && has("region_flow_amount_cny")) {
      const payee = valuesOf("region_flow_payee_region");
      const amount = valuesOf("region_flow_amount_cny");
      const sums = {};
      valuesOf("region_flow_payer_region").forEach(function (a, i) {
        if (a === payee[i] || !(a >= 0) || !(payee[i] >= 0) || amount[i] === null || !flowOfChosenRun(i)) return;
        sums[a + ">" + payee[i]] = (sums[a + ">" + payee[i]] || 0) + amount[i];
      });
      series.push(arrows(t("money"), sums, 0.3, "#2b8a3e", units("region_flow_amount_cny")));
    }

    // Arrows from region to region, as wide as their totals; a pair's two directions curve to
    // opposite sides, and deliveries curve less than money, so none hides another.
    function arrows(name, totals, curveness, color, unit) {
      const keys = Object.keys(totals);
      const most = Math.max.apply(null, keys.map(function (k) { return totals[k]; }).concat([1]));
      return { type: "lines", name: name, coordinateSystem: "cartesian2d", z: 3, symbol: ["none", "arrow"],
        symbolSize: 9, lineStyle: { color: color, opacity: 0.75, curveness: curveness },
        tooltip: { formatter: function (p) { return p.data.label; } },
        data: keys.map(function (k) {
          const ab = k.split(">").map(Number);
          return { coords: [point(ab[0]), point(ab[1])],
            lineStyle: { width: 1 + 7 * Math.sqrt(totals[k] / most) },
            label: html(names[ab[0]] + " → " + names[ab[1]] + ": " + withUnit(unit)(totals[k])) };
        }) };
    }

    series.push({ type: "scatter", name: t("regions"), z: 5, symbolSize: 14, itemStyle: { color: "#1f5f99" },
      label: { show: true, position: "right", formatter: function (p) { return p.data.name; }, fontWeight: "bold" },
      tooltip: { formatter: function (p) { return p.data.tip; } },
      data: region.map(function (id, i) {
        const role = has("region_role") ? valuesOf("region_role")[i] : "";
        return { name: names[i], value: point(i),
          tip: html(names[i] + (role ? " (" + (t("roles")[role] || role) + ")" : "")) + "<br>" +
            round(lat[i]) + " " + html(units("region_latitude_deg")) + ", " + round(lon[i]) + " " + html(units("region_longitude_deg")) +
            (within[i] ? "<br>" + t("within") + ": " + withUnit(t("truckCount"))(within[i]) : "") };
      }) });

    const rings = [["site_region", "sites", "circle"], ["station_region", "stations", "triangle"],
      ["factory_region", "factories", "rect"], ["supplier_region", "suppliers", "diamond"]];
    rings.forEach(function (ring, k) {
      if (!has(ring[0])) return;
      const where = valuesOf(ring[0]);
      const entity = ids(ring[0].replace("_region", ""));
      const count = {};
      where.forEach(function (r) { count[r] = (count[r] || 0) + 1; });
      const seen = {};
      const radius = 16 + 8 * k;
      series.push({ type: "scatter", name: t(ring[1]), z: 4, symbol: ring[2], symbolSize: 7,
        tooltip: { formatter: function (p) { return html(p.data.name); } },
        data: where.map(function (r, i) {
          const n = seen[r] = (seen[r] || 0) + 1;
          const angle = Math.PI / 2 + (2 * Math.PI * (n - 1)) / count[r] + k * 0.7; // the first above, clear of the label
          const c = at[r];
          if (c === undefined) return null;
          return { name: (entity[i] || "") + " · " + names[c],
            value: [lon[c] + (radius * Math.cos(angle)) / pxPerDeg / cos, lat[c] + (radius * Math.sin(angle)) / pxPerDeg] };
        }).filter(Boolean) });
    });

    return Object.assign({}, BASE, {
      tooltip: { trigger: "item", confine: true },
      legend: { type: "scroll", top: 0 },
      grid: grid,
      xAxis: { type: "value", min: round(lonMid - halfLon), max: round(lonMid + halfLon),
        name: axisName(t("longitude"), units("region_longitude_deg")), nameLocation: "middle", nameGap: 28,
        axisLabel: { showMinLabel: false, showMaxLabel: false }, splitLine: { lineStyle: { opacity: 0.3 } } },
      yAxis: { type: "value", min: round(lat0 - halfLat), max: round(lat0 + halfLat),
        name: axisName(t("latitude"), units("region_latitude_deg")), nameLocation: "middle", nameGap: 48,
        axisLabel: { showMinLabel: false, showMaxLabel: false }, splitLine: { lineStyle: { opacity: 0.3 } } },
      series: series,
    });
  }

  // ---------------------------------------------------------------------------------------------
  // The sections and their charts. A chart draws when the variables in `needs` are all in the file
  // and, when it has `anyOf`, at least one of those; whatever of both is absent is named in a note.
  // Series over time of `name` along `dim`, one per entry (those never above zero left out when
  // `dropZero`), summed over the other dimensions.
  function byDim(name, dim, dropZero) {
    const r = reduce(name, ["time", dim]);
    return labels(dim).map(function (n, j) { return { name: n, data: r.column(j) }; })
      .filter(function (s) { return !dropZero || s.data.some(function (x) { return x; }); });
  }
  function total(name) {
    return reduce(name, ["time"]).values;
  }
  function firstUnit(names) {
    for (let i = 0; i < names.length; i++) if (has(names[i]) && units(names[i])) return units(names[i]);
    return "";
  }
  // Series over time of `name` summed over the stations of each kind (station_kind, in the page's
  // language), or over all stations when the file does not say their kinds.
  function stationGroups(name) {
    const kinds = has("station_kind")
      ? valuesOf("station_kind").map(function (k) { return t("stationKinds")[k] || k; })
      : valuesOf("station").map(function () { return t("all"); });
    const r = reduce(name, ["time", "station"]);
    const groups = {};
    kinds.forEach(function (k, j) {
      const c = r.column(j);
      groups[k] = groups[k] ? groups[k].map(function (x, i) { return x + (c[i] || 0); }) : c.map(function (x) { return x || 0; });
    });
    return groups;
  }

  const SECTIONS = [
    { id: "map", title: "sMap", charts: [
      { title: "map", height: 560, needs: ["region", "region_latitude_deg", "region_longitude_deg"],
        optional: ["road_from", "road_to", "road_distance_km", "site_region", "station_region", "factory_region",
          "supplier_region", "delivery_factory", "delivery_region", "region_flow_payer_region",
          "region_flow_payee_region", "region_flow_amount_cny"],
        build: function (el) { return mapOption(el.clientWidth, el.clientHeight); } },
    ] },
    { id: "production", title: "sProduction", charts: [
      { title: "chain", needs: ["time"], anyOf: ["region_trucks_ordered", "region_trucks_built", "region_trucks_delivered", "factory_backlog_trucks"],
        build: function () {
          const parts = [["region_trucks_ordered", "ordered"], ["region_trucks_built", "built"],
            ["region_trucks_delivered", "delivered"], ["factory_backlog_trucks", "backlog"]].filter(function (p) { return has(p[0]); });
          return timeOption(parts.map(function (p) { return { name: t(p[1]), data: total(p[0]) }; }),
            t("trucks"), firstUnit(parts.map(function (p) { return p[0]; })), false);
        } },
      { title: "builtByFactory", needs: ["time", "factory_trucks_built", "factory", "truck_type"],
        build: function () {
          const r = reduce("factory_trucks_built", ["time", "factory", "truck_type"]);
          const factories = r.shape[1];
          const types = r.shape[2];
          const series = [];
          ids("factory").forEach(function (f, i) {
            labels("truck_type").forEach(function (tt, j) {
              const data = [];
              for (let k = 0; k < r.shape[0]; k++) data.push(r.values[(k * factories + i) * types + j]);
              if (data.some(function (x) { return x; })) series.push({ name: f + " · " + tt, data: data });
            });
          });
          return timeOption(series, t("built"), units("factory_trucks_built"), !BY_TYPE);
        } },
      { title: "deliveredByRegion", needs: ["time", "region_trucks_delivered", "region"],
        build: function () {
          return timeOption(byDim("region_trucks_delivered", "region", true), t("delivered"), units("region_trucks_delivered"), true);
        } },
      { title: "fleetByRegion", needs: ["time", "region_fleet_trucks", "region"],
        build: function () {
          return timeOption(byDim("region_fleet_trucks", "region", true), t("trucks"), units("region_fleet_trucks"), true);
        } },
      { title: BY_TYPE ? "fleetByRun" : "fleetByType", needs: ["time", "region_fleet_trucks", "truck_type"],
        build: function () {
          return timeOption(byDim("region_fleet_trucks", "truck_type", !BY_TYPE), t("trucks"), units("region_fleet_trucks"), !BY_TYPE);
        } },
    ] },
    { id: "stations", title: "sStations", charts: [
      { title: "queue", needs: ["time", "station_queue_trucks", "station"], optional: ["station_kind"],
        build: function () {
          const g = stationGroups("station_queue_trucks");
          return timeOption(Object.keys(g).map(function (k) { return { name: k, data: g[k] }; }),
            t("trucks"), units("station_queue_trucks"), true);
        } },
      { title: "utilization", needs: ["time", "station_busy_servers", "station_servers", "station"], optional: ["station_kind"],
        build: function () {
          const busy = stationGroups("station_busy_servers");
          const servers = stationGroups("station_servers");
          return timeOption(Object.keys(busy).map(function (k) {
            return { name: k, data: busy[k].map(function (b, i) { return servers[k][i] > 0 ? b / servers[k][i] : null; }) };
          }), t("busyShare"), ratioUnit("station_busy_servers", "station_servers"), false);
        } },
      { title: "waits", needs: ["station"], anyOf: ["station_wait_mean_hours", "station_wait_p95_hours", "station_wait_max_hours"],
        build: function (el) {
          const parts = [["station_wait_mean_hours", "meanWait"], ["station_wait_p95_hours", "p95Wait"],
            ["station_wait_max_hours", "maxWait"]].filter(function (p) { return has(p[0]); });
          return barOption(el.clientWidth, ids("station"), t("station"), parts.map(function (p) {
            return { name: t(p[1]), data: reduce(p[0], ["station"]).values };
          }), t("wait"), firstUnit(parts.map(function (p) { return p[0]; })));
        } },
      { title: "stock", height: 360, needs: ["time", "station"], anyOf: ["hydrogen_stock_kg", "methanol_stock_l", "diesel_stock_l"],
        build: function (el) {
          return panelsOption(["hydrogen_stock_kg", "methanol_stock_l", "diesel_stock_l"].filter(has).map(function (name) {
            const carrier = t(name.split("_")[0]);
            return { title: carrier, label: carrier, unit: units(name), series: byDim(name, "station", true) };
          }), 3, el.clientWidth, el.clientHeight);
        } },
      { title: "dry", needs: ["station_dry_hours", "station"],
        build: function (el) {
          return barOption(el.clientWidth, ids("station"), t("station"), [{ name: t("dryHours"), data: atEnd("station_dry_hours", ["station"]) }],
            t("dryHours"), units("station_dry_hours"));
        } },
    ] },
    { id: "energy", title: "sEnergy", charts: [
      { title: "energy", height: 340, needs: ["truck_type"],
        anyOf: ["electricity_used_kwh", "hydrogen_used_kg", "methanol_used_l", "diesel_used_l"],
        build: function (el) {
          return panelsOption(["electricity_used_kwh", "hydrogen_used_kg", "methanol_used_l", "diesel_used_l"].filter(has).map(function (name) {
            const carrier = t(name.split("_")[0]);
            return { title: carrier, label: carrier, unit: units(name), categories: labels("truck_type"),
              series: [{ name: carrier, data: atEnd(name, ["truck_type"]) }] };
          }), 4, el.clientWidth, el.clientHeight);
        } },
      { title: "co2", needs: ["truck_type"], anyOf: ["co2_tank_to_wheel_kg", "co2_well_to_wheel_kg", "co2_diesel_equivalent_kg"],
        build: function (el) {
          const parts = [["co2_tank_to_wheel_kg", "ttw"], ["co2_well_to_wheel_kg", "wtw"],
            ["co2_diesel_equivalent_kg", "dieselEq"]].filter(function (p) { return has(p[0]); });
          return barOption(el.clientWidth, labels("truck_type"), t("truckType"), parts.map(function (p) {
            return { name: t(p[1]), data: atEnd(p[0], ["truck_type"]) };
          }), "CO2", firstUnit(parts.map(function (p) { return p[0]; })));
        } },
      { title: "ownership", height: 340, needs: ["ownership_cny", "truck_type"], anyOf: ["tonne_km", "truck_km"],
        build: function (el) {
          const cost = reduce("ownership_cny", ["truck_type"]).values;
          return panelsOption([["tonne_km", "perTkm"], ["truck_km", "perKm"]].filter(function (p) { return has(p[0]); }).map(function (p) {
            const per = atEnd(p[0], ["truck_type"]);
            return { title: t(p[1]), label: t("ownershipAxis"), unit: ratioUnit("ownership_cny", p[0]), categories: labels("truck_type"),
              series: [{ name: t(p[1]), data: cost.map(function (c, i) { return c !== null && per[i] ? c / per[i] : null; }) }] };
          }), 2, el.clientWidth, el.clientHeight);
        } },
    ] },
    { id: "value", title: "sValue", charts: [
      { title: "valueAdded", needs: ["region"], anyOf: ["value_added_recorded_cny", "value_added_credited_cny"],
        build: function (el) {
          const parts = [["value_added_recorded_cny", "recorded"], ["value_added_credited_cny", "credited"]].filter(function (p) { return has(p[0]); });
          return barOption(el.clientWidth, labels("region"), t("region"), parts.map(function (p) {
            return { name: t(p[1]), data: atEnd(p[0], ["region"]) };
          }), t("valueAddedAxis"), firstUnit(parts.map(function (p) { return p[0]; })));
        } },
      { title: "tax", needs: ["region"], anyOf: ["tax_collected_cny", "tax_after_transfers_cny"],
        build: function (el) {
          const parts = [["tax_collected_cny", "collected"], ["tax_after_transfers_cny", "afterTransfers"]].filter(function (p) { return has(p[0]); });
          return barOption(el.clientWidth, labels("region"), t("region"), parts.map(function (p) {
            return { name: t(p[1]), data: atEnd(p[0], ["region"]) };
          }), t("taxAxis"), firstUnit(parts.map(function (p) { return p[0]; })));
        } },
      { title: "sankey", height: 480, needs: ["region", "region_flow_payer_region", "region_flow_payee_region", "region_flow_amount_cny"],
        build: function () {
          const names = labels("region");
          const payee = valuesOf("region_flow_payee_region");
          const amount = valuesOf("region_flow_amount_cny");
          const sums = {};
          valuesOf("region_flow_payer_region").forEach(function (a, i) {
            if (!amount[i] || names[a] === undefined || names[payee[i]] === undefined || !flowOfChosenRun(i)) return;
            const key = names[a] + " →\u0000→ " + names[payee[i]];
            sums[key] = (sums[key] || 0) + amount[i];
          });
          const links = Object.keys(sums).filter(function (k) { return sums[k] > 0; }).map(function (k) {
            const ends = k.split("\u0000");
            return { source: ends[0], target: ends[1], value: sums[k] };
          });
          if (!links.length) return null;
          const nodes = {};
          links.forEach(function (l) { nodes[l.source] = 0; nodes[l.target] = 1; });
          return Object.assign({}, BASE, {
            tooltip: { trigger: "item", valueFormatter: withUnit(units("region_flow_amount_cny")), confine: true },
            series: [{ type: "sankey", left: 24, right: 140, top: 16, bottom: 16, nodeAlign: "justify",
              emphasis: { focus: "adjacency" }, lineStyle: { color: "gradient", opacity: 0.4 },
              data: Object.keys(nodes).map(function (n) { return { name: n, depth: nodes[n] }; }), links: links }],
          });
        } },
    ] },
    { id: "compare", title: "sCompare", onlyCompare: true, charts: [
      { title: "compareHeadlines", height: 460, needs: [RUN],
        // Rule sets change only money: their figures; truck types differ in everything.
        anyOf: RUN === "rule_set"
          ? ["headline_sharing_settled_cny", "headline_local_tax_cny", "headline_value_added_cny"]
          : ["headline_trucks_delivered", "headline_mean_order_to_delivery_days", "headline_ownership_cny_per_tonne_km",
            "headline_co2_well_to_wheel_kg_per_tonne_km", "headline_mean_station_wait_hours", "headline_value_added_cny"],
        build: function (el) {
          return panelsOption(this.anyOf.filter(has).map(function (name) {
            const a = VARS[name].attributes || {};
            return { title: name.replace("headline_", ""), unit: units(name), categories: labels(RUN),
              series: [{ name: a.long_name || name, data: valuesOf(name) }] };
          }), 3, el.clientWidth, el.clientHeight);
        } },
      { title: "tonnesByRun", needs: ["time", "site_tonnes_moved", RUN],
        build: function () {
          return timeOption(byDim("site_tonnes_moved", RUN, false), t("tonnes"), units("site_tonnes_moved"), false);
        } },
    ] },
  ];

  // ---------------------------------------------------------------------------------------------
  // An experiment's file (docs/experiment.md): its points, the factors' levels at each, and each
  // response's mean and 95% confidence interval by point.
  const POINT_ROWS = 200; // the table lists at most so many points
  const MEAN_COLOR = "#1f5f99";

  function experimentResponses() {
    return Object.keys(VARS).filter(function (n) {
      return n.indexOf("response_") === 0 && String(VARS[n].dims) === "point,replication";
    });
  }
  function pointIndexes() {
    return ids("point").map(function (id, p) { return p; });
  }
  // Each factor's level at point `p` as written ("" where the point has it as the base does).
  function levelsAt(p) {
    const count = ids("factor").length;
    return valuesOf("point_level").slice(p * count, (p + 1) * count).map(function (l) { return l === null ? "" : String(l); });
  }
  // A level as the page shows it: a number as the page writes numbers, a text as it is.
  function shownLevel(level) {
    return level.trim() !== "" && Number.isFinite(Number(level)) ? formatNumber(Number(level)) : level;
  }
  // A key's last part (chargers of stations[quarry_depot].chargers), to label a point briefly.
  function shortKey(key) {
    return key.split(".").pop();
  }
  // A point's label along an axis: "base" for the base scenario as it is; the level of a point that
  // sets one factor (a one-at-a-time design) after its key's last part; else the levels, in the
  // factors' order.
  function pointLabel(p) {
    const keys = ids("factor");
    const levels = levelsAt(p);
    const set = levels.map(function (l, f) { return l === "" ? -1 : f; }).filter(function (f) { return f >= 0; });
    if (!set.length) return t("base");
    if (ATTRS.design === "one_at_a_time") return shortKey(keys[set[0]]) + " = " + shownLevel(levels[set[0]]);
    return set.map(function (f) { return shownLevel(levels[f]); }).join(" · ");
  }
  // A point's tooltip: every factor's level and the replications it ran.
  function pointTip(p) {
    const levels = levelsAt(p);
    const lines = ids("factor").map(function (key, f) {
      return html(key) + " = " + (levels[f] === "" ? t("asBase") : html(levels[f]));
    });
    if (has("point_replications")) lines.push(t("replications") + ": " + valuesOf("point_replications")[p]);
    return t("point") + " " + ids("point")[p] + "<br>" + lines.join("<br>");
  }
  // The mean of `response` at each point and the ends of its 95% interval (null where the file has none).
  function summaries(response) {
    const of = function (suffix) {
      return has(response + suffix) ? valuesOf(response + suffix) : valuesOf(response + "_mean").map(function () { return null; });
    };
    return { mean: valuesOf(response + "_mean"), low: of("_ci95_low"), high: of("_ci95_high"), unit: units(response + "_mean") };
  }
  // A mean and the half-width of its interval, both to the half-width's second significant digit.
  function meanPlusMinus(mean, low, high) {
    if (mean === null) return "–";
    if (low === null || high === null) return formatNumber(mean);
    const half = (high - low) / 2;
    if (!(half > 0)) return formatNumber(mean) + " ± 0";
    const decimals = Math.max(0, Math.min(12, 1 - Math.floor(Math.log10(half))));
    return plainNumber(mean, decimals) + " ± " + plainNumber(half, decimals);
  }
  function summaryTip(s, p) {
    return t("mean") + " ± " + t("ci95half") + ": " + meanPlusMinus(s.mean[p], s.low[p], s.high[p]) + (s.unit ? " " + html(s.unit) : "");
  }
  // The factor's values at every point when the file has one factor and a number for it at each point
  // (the charts are then against it); else null (against the points).
  function numericFactor() {
    if (ids("factor").length !== 1 || !has("point_value")) return null;
    const values = valuesOf("point_value");
    return values.every(function (x) { return typeof x === "number"; }) ? values : null;
  }

  // 95% intervals as vertical error bars with caps: data [x, low, high], drawn by a custom series.
  function errorBars(data) {
    return { type: "custom", name: t("ci95"), silent: true, z: 3, itemStyle: { color: MEAN_COLOR },
      encode: { x: 0, y: [1, 2] },
      data: data.filter(function (d) { return d[1] !== null && d[2] !== null; }),
      renderItem: function (params, api) {
        const low = api.coord([api.value(0), api.value(1)]);
        const high = api.coord([api.value(0), api.value(2)]);
        const style = { stroke: MEAN_COLOR, lineWidth: 1.5 };
        const line = function (x1, y1, x2, y2) { return { type: "line", shape: { x1: x1, y1: y1, x2: x2, y2: y2 }, style: style }; };
        return { type: "group", children: [line(low[0], low[1], high[0], high[1]), line(low[0] - 5, low[1], low[0] + 5, low[1]),
          line(high[0] - 5, high[1], high[0] + 5, high[1])] };
      } };
  }

  // A response's mean at each point with its 95% interval: against the factor's value when the file
  // has one numeric factor (joined in its order, but for a Latin hypercube), else against the points.
  function meanOption(response) {
    const s = summaries(response);
    const numeric = numericFactor();
    const points = pointIndexes();
    if (points.every(function (p) { return s.mean[p] === null; })) return null; // nothing to draw (NaN everywhere)
    if (numeric) points.sort(function (a, b) { return numeric[a] - numeric[b]; });
    const x = function (p) { return numeric ? numeric[p] : p; };
    const turned = !numeric && points.length > 6;
    const joined = numeric && ATTRS.design !== "latin_hypercube"; // a sample's points are not levels in a row
    return Object.assign({}, BASE, {
      tooltip: { trigger: "item", confine: true, formatter: function (item) {
        return pointTip(item.data.point) + "<br>" + summaryTip(s, item.data.point);
      } },
      legend: { top: 0 },
      grid: { left: 84, right: 24, top: 44, bottom: numeric ? 52 : turned ? 120 : 64 },
      xAxis: numeric
        ? { type: "value", scale: true, boundaryGap: ["4%", "4%"], name: ids("factor")[0], nameLocation: "middle", nameGap: 28 }
        : { type: "category", data: points.map(pointLabel), name: t("point"), nameLocation: "middle",
          nameGap: turned ? 104 : 40, axisLabel: turned ? { rotate: 40, width: 140, overflow: "truncate" } : {} },
      // ECharts' own labels: they keep the digits that tell close means apart.
      yAxis: { type: "value", scale: true, name: axisName(t("mean"), s.unit), nameLocation: "middle", nameGap: 66 },
      series: [
        { type: joined ? "line" : "scatter", name: t("mean"), symbolSize: 8, itemStyle: { color: MEAN_COLOR },
          lineStyle: { color: MEAN_COLOR }, data: points.filter(function (p) { return s.mean[p] !== null; })
            .map(function (p) { return { value: [x(p), s.mean[p]], point: p }; }) },
        errorBars(points.map(function (p) { return [x(p), s.low[p], s.high[p]]; })),
      ],
    });
  }

  // A one-at-a-time design's factors, each with its points at its lowest and highest level (a text
  // factor's first and last), the widest swing of `mean` last (on top); factors set at no point left out.
  function tornadoRows(mean) {
    const points = pointIndexes().slice(1);
    return ids("factor").map(function (key, f) {
      const own = points.filter(function (p) { return levelsAt(p)[f] !== ""; });
      if (!own.length) return null;
      const numbers = own.map(function (p) { return Number(levelsAt(p)[f]); });
      const place = numbers.every(Number.isFinite) ? numbers : own.map(function (p, i) { return i; });
      const low = own[place.indexOf(Math.min.apply(null, place))];
      const high = own[place.indexOf(Math.max.apply(null, place))];
      const swing = mean[low] !== null && mean[high] !== null ? Math.abs(mean[high] - mean[low]) : -1;
      return { key: key, factor: f, ends: low === high ? [low] : [low, high], swing: swing };
    }).filter(Boolean).sort(function (a, b) { return a.swing - b.swing; });
  }

  // Tornado bars of `labels`: data [change, row, interval's low, high, offset in the row], each bar
  // from zero, its interval as an error bar, its label (the level) written at its end.
  function tornadoBars(labels) {
    return function (params, api) { return tornadoBar(api, labels[params.dataIndex]); };
  }
  function tornadoBar(api, label) {
    const row = api.value(1);
    const band = api.size([0, 1])[1];
    const y = api.coord([0, row])[1] + api.value(4) * band;
    const zero = api.coord([0, row])[0];
    const end = api.coord([api.value(0), row])[0];
    const height = band * 0.36;
    const children = [{ type: "rect", shape: { x: Math.min(zero, end), y: y - height / 2, width: Math.abs(end - zero), height: height },
      style: { fill: api.visual("color") } }];
    const interval = Number.isNaN(api.value(2)) || Number.isNaN(api.value(3)) ? [end, end]
      : [api.coord([api.value(2), row])[0], api.coord([api.value(3), row])[0]];
    if (interval[0] !== interval[1]) {
      const style = { stroke: "#333", lineWidth: 1.2 };
      children.push({ type: "line", shape: { x1: interval[0], y1: y, x2: interval[1], y2: y }, style: style },
        { type: "line", shape: { x1: interval[0], y1: y - 4, x2: interval[0], y2: y + 4 }, style: style },
        { type: "line", shape: { x1: interval[1], y1: y - 4, x2: interval[1], y2: y + 4 }, style: style });
    }
    const right = api.value(0) >= 0; // the label beyond the bar and its interval
    children.push({ type: "text", x: right ? Math.max(end, interval[1]) + 6 : Math.min(end, interval[0]) - 6, y: y,
      style: { text: label, fill: "#1d2733", fontSize: 11, fontFamily: FONT, align: right ? "left" : "right",
        verticalAlign: "middle" } });
    return { type: "group", children: children };
  }

  // The tornado of a one-at-a-time design: for each factor, the mean at its lowest and highest level
  // less the base point's (point 0), with the 95% interval of the mean, the widest swing on top.
  function tornadoOption(response) {
    const s = summaries(response);
    const base = s.mean[0];
    const rows = tornadoRows(s.mean);
    if (base === null || !rows.length) return null;
    const item = function (row, r, end) {
      const p = row.ends[end];
      const offset = row.ends.length === 1 ? 0 : end === 0 ? -0.2 : 0.2; // the lowest level above the highest
      const less = function (x) { return x === null ? NaN : x - base; };
      return { value: [less(s.mean[p]) || 0, r, less(s.low[p]), less(s.high[p]), offset], point: p,
        label: shownLevel(levelsAt(p)[row.factor]) };
    };
    const ends = [["lowest", "#d9822b"], ["highest", "#1f5f99"]];
    return Object.assign({}, BASE, {
      tooltip: { trigger: "item", confine: true, formatter: function (it) {
        return pointTip(it.data.point) + "<br>" + summaryTip(s, it.data.point) + "<br>" + t("change") + ": " +
          withUnit(s.unit)(it.data.value[0]);
      } },
      legend: { top: 0 },
      grid: { left: 250, right: 72, top: 40, bottom: 52 },
      xAxis: { type: "value", name: axisName(t("change") + " (" + t("base") + ": " + formatNumber(base) + ")", s.unit),
        nameLocation: "middle", nameGap: 30 }, // from zero (ECharts' value axes include it)
      yAxis: { type: "category", data: rows.map(function (row) { return row.key; }), axisLine: { onZero: false },
        axisLabel: { width: 230, overflow: "truncate" } },
      series: ends.map(function (e, end) {
        const data = rows.map(function (row, r) { return end < row.ends.length ? item(row, r, end) : null; }).filter(Boolean);
        return { type: "custom", name: t(e[0]), itemStyle: { color: e[1] },
          renderItem: tornadoBars(data.map(function (d) { return d.label; })), encode: { x: [0, 2, 3], y: 1 },
          markLine: end ? undefined : { silent: true, symbol: "none", label: { show: false }, lineStyle: { color: "#333", type: "solid" },
            data: [{ xAxis: 0 }] },
          data: data };
      }),
    });
  }

  // The sections of an experiment's page after its table of points: each response's mean by point,
  // and for a one-at-a-time design each response's tornado.
  function experimentSections() {
    const responses = experimentResponses();
    const needs = ["point", "factor", "point_level"];
    const chart = function (response, build, height) {
      return { title: response, height: height, needs: needs.concat([response + "_mean"]),
        optional: [response + "_ci95_low", response + "_ci95_high"],
        caption: function () { return (VARS[response].attributes || {}).long_name || response; },
        build: function () { return build(response); } };
    };
    const none = [{ title: "sResponses", needs: needs.concat(["response_*"]) }];
    const sections = [{ id: "responses", title: "sResponses",
      charts: responses.length ? responses.map(function (r) { return chart(r, meanOption, 340); }) : none }];
    if (ATTRS.design === "one_at_a_time") {
      sections.push({ id: "tornado", title: "sTornado", charts: responses.length
        ? responses.map(function (r) { return chart(r, tornadoOption, 90 + 60 * ids("factor").length); }) : none });
    }
    return sections;
  }

  // The table of an experiment's points: each factor's level, the replications run and each
  // response's mean ± the half-width of its 95% interval.
  function renderPoints(main) {
    const box = element("section", "section");
    box.id = "section-points";
    box.appendChild(element("h2", "", t("sPoints")));
    main.appendChild(box);
    const lacking = ["point", "factor", "point_level", "point_replications"].filter(function (n) { return !has(n); });
    if (lacking.length) box.appendChild(missingNote(lacking));
    if (!has("point") || !has("factor") || !has("point_level")) return;
    const responses = experimentResponses().filter(function (r) { return has(r + "_mean"); });
    const points = pointIndexes();
    const shown = points.slice(0, POINT_ROWS);
    if (shown.length < points.length) {
      box.appendChild(element("p", "note", t("pointsShown").replace("{n}", shown.length).replace("{m}", points.length)));
    }
    const table = element("table", "headlines points");
    const head = element("tr");
    head.appendChild(element("th", "num", t("point")));
    ids("factor").forEach(function (key) { head.appendChild(element("th", "", key)); });
    if (has("point_replications")) head.appendChild(element("th", "num", t("replications")));
    responses.forEach(function (r) {
      const cell = element("th", "num", r.replace("response_", "") + (units(r + "_mean") ? " [" + units(r + "_mean") + "]" : ""));
      cell.title = (VARS[r].attributes || {}).long_name || r;
      head.appendChild(cell);
    });
    table.appendChild(head);
    const all = responses.map(summaries);
    shown.forEach(function (p) {
      const row = element("tr");
      row.appendChild(element("td", "num", ids("point")[p]));
      levelsAt(p).forEach(function (level) {
        const cell = level === "" ? element("td", "as-base", t("asBase")) : element("td", "", shownLevel(level));
        cell.title = level; // as written
        row.appendChild(cell);
      });
      if (has("point_replications")) row.appendChild(element("td", "num", String(valuesOf("point_replications")[p])));
      all.forEach(function (s) { row.appendChild(element("td", "num", meanPlusMinus(s.mean[p], s.low[p], s.high[p]))); });
      table.appendChild(row);
    });
    const scroll = element("div", "table-scroll");
    scroll.appendChild(table);
    box.appendChild(scroll);
    if (has("sizing_fewest_servers") && has("sizing_bound_minutes")) {
      const fewest = valuesOf("sizing_fewest_servers")[0];
      const text = t(fewest >= 0 ? "sizingFound" : "sizingNone").replace("{key}", ATTRS.sizing_key || "")
        .replace("{first}", (responses[0] || "").replace("response_", "")).replace("{bound}", valuesOf("sizing_bound_minutes")[0])
        .replace("{n}", fewest);
      box.appendChild(element("p", "sizing-answer", text));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Drawing. Each chart's `finished` handler is registered before its setOption; when every chart
  // has finished once (ECharts may say so within setOption, so not before all are set up), body gets
  // data-rendered="1" and data-charts, the number of charts drawn.
  let charts = [];
  let pending = 0;
  let settingUp = false;

  function element(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  // The note of what a section lacks: each name, with truckflow's reason where it left one out.
  function missingNote(names) {
    const note = element("p", "missing", t("missing") + names.map(function (n) {
      return OMITTED[n] ? n + " (" + t("omitted") + OMITTED[n] + ")" : n;
    }).join(", "));
    note.dataset.missing = names.join(" ");
    return note;
  }
  function allRendered() {
    document.body.dataset.charts = String(charts.length);
    document.body.dataset.rendered = "1";
  }

  function draw(container, option) {
    const chart = echarts.init(container, null, { renderer: "svg" });
    charts.push(chart);
    pending += 1;
    let done = false;
    chart.on("finished", function () {
      if (done) return;
      done = true;
      pending -= 1;
      if (pending === 0 && !settingUp) allRendered();
    });
    chart.setOption(option);
  }

  // A section's title, its note of what is missing, and a figure per chart: an empty area for each
  // chart that can be drawn, added to `jobs` (drawn once the whole page is laid out, so that the
  // charts do not make the browser lay it out again and again).
  function renderSection(section, main, jobs) {
    const box = element("section", "section");
    box.id = "section-" + section.id;
    box.appendChild(element("h2", "", t(section.title)));
    const absent = [];
    main.appendChild(box);
    section.charts.forEach(function (spec) {
      const needs = spec.needs || [];
      const anyOf = spec.anyOf || [];
      const lacking = needs.concat(anyOf, spec.optional || []).filter(function (n) { return !has(n); });
      lacking.forEach(function (n) { if (absent.indexOf(n) < 0) absent.push(n); });
      const figure = element("figure", "chart");
      figure.appendChild(element("figcaption", "", spec.caption ? spec.caption() : t(spec.title)));
      box.appendChild(figure);
      const drawable = needs.every(has) && (anyOf.length === 0 || anyOf.some(has));
      if (!drawable) {
        figure.classList.add("absent");
        figure.appendChild(element("p", "not-drawn", t("notDrawn")));
        return;
      }
      const area = element("div", "chart-area");
      area.style.height = (spec.height || 300) + "px";
      figure.appendChild(area);
      jobs.push({ spec: spec, figure: figure, area: area });
    });
    if (absent.length) box.insertBefore(missingNote(absent), box.children[1]);
  }

  // Draws a chart from the option its build returns (null: the file has nothing for it to show).
  function drawChart(job) {
    try {
      const option = job.spec.build.call(job.spec, job.area);
      if (option) {
        draw(job.area, option);
      } else {
        job.area.remove();
        job.figure.appendChild(element("p", "not-drawn", t("nothing")));
      }
    } catch (e) {
      job.area.remove();
      job.figure.appendChild(element("p", "failed", t("failed") + e.message));
      console.error("truckflow report: " + job.spec.title + ": " + (e.stack || e.message));
      recordError(job.spec.title + ": " + e.message);
    }
  }

  function renderHeadlines(main) {
    const names = Object.keys(VARS).filter(function (n) { return n.indexOf("headline_") === 0; });
    if (!names.length) return;
    const box = element("section", "section");
    box.id = "section-headlines";
    box.appendChild(element("h2", "", t("headlines")));
    const table = element("table", "headlines");
    const head = element("tr");
    head.appendChild(element("th", "", t("figure")));
    (COMPARE ? labels(RUN) : [""]).forEach(function (n) { head.appendChild(element("th", "num", n)); });
    head.appendChild(element("th", "", t("units")));
    table.appendChild(head);
    names.forEach(function (name) {
      const row = element("tr");
      const label = element("td", "", (VARS[name].attributes || {}).long_name || name);
      label.title = name;
      row.appendChild(label);
      valuesOf(name).forEach(function (x) { row.appendChild(element("td", "num", typeof x === "number" ? formatNumber(x) : "–")); });
      row.appendChild(element("td", "", units(name)));
      table.appendChild(row);
    });
    box.appendChild(table);
    main.appendChild(box);
  }

  function renderControls() {
    const controls = document.getElementById("controls");
    controls.textContent = "";
    const toggle = element("button", "lang", t("toggle"));
    toggle.id = "lang-toggle";
    toggle.type = "button";
    toggle.addEventListener("click", function () {
      state.lang = state.lang === "en" ? "zh" : "en";
      render();
    });
    controls.appendChild(toggle);
    if (COMPARE && has(RUN)) {
      const label = element("label", "run", t("run") + " ");
      const select = element("select");
      select.id = "run-select";
      labels(RUN).forEach(function (n, i) {
        const o = element("option", "", n);
        o.value = String(i);
        select.appendChild(o);
      });
      select.value = String(state.run);
      select.addEventListener("change", function () {
        state.run = Number(select.value);
        render();
      });
      label.appendChild(select);
      controls.appendChild(label);
    }
    const names = ["region_name_" + state.lang, "truck_type_name_" + state.lang].filter(function (n) {
      return has(n.replace(/_name_\w+$/, "")) && !has(n);
    });
    if (names.length) controls.appendChild(missingNote(names));
  }

  function renderFooter() {
    const footer = document.getElementById("footer");
    footer.textContent = "";
    const source = DATA.source || {};
    const report = DATA.report || {};
    const lines = [
      EXPERIMENT ? [t("footerExperiment") + ": " + (ATTRS.experiment_name || "?") + " · " + t("footerBase") + " " + (ATTRS.scenario_file || "?")]
        : [t("footerScenario") + ": " + (ATTRS.scenario_name || "?") + " · " + t("footerSeed") + " " + (ATTRS.random_seed != null ? ATTRS.random_seed : "?")],
      [t("footerWritten") + " " + (ATTRS.truckflow_version || "?") + ": ", ATTRS.command_line || ""],
      [t("footerReport") + " " + (report.truckflow_version || "?") + ": ", report.command_line || ""],
    ];
    if (source.time_stride > 1) lines.push([t("footerThinned").replace("{n}", source.time_stride)]);
    lines.forEach(function (l) {
      const p = element("p", "", l[0]);
      if (l[1]) p.appendChild(element("code", "", l[1]));
      footer.appendChild(p);
    });
  }

  // What the file is, under the page's title.
  function kindText() {
    if (EXPERIMENT) return t("kindExperiment") + (ATTRS.design ? " · " + (t("designs")[ATTRS.design] || ATTRS.design) : "");
    if (COMPARE) return BY_TYPE ? t("kindCompareTypes") : t("kindCompare") + RUN;
    return t("kindRun");
  }

  function render() {
    charts.forEach(function (c) { c.dispose(); });
    charts = [];
    pending = 0;
    document.body.dataset.rendered = "0";
    document.body.dataset.lang = state.lang;
    document.documentElement.lang = state.lang === "zh" ? "zh-CN" : "en";
    const name = ATTRS.scenario_name || ATTRS.experiment_name;
    document.getElementById("title").textContent = name || ATTRS.title || "truckflow";
    document.getElementById("subtitle").textContent = kindText() + " · " + ((DATA.source && DATA.source.path) || "");
    document.title = "truckflow · " + (name || "");
    renderControls();
    const main = document.getElementById("report");
    main.textContent = "";
    settingUp = true;
    const jobs = [];
    if (EXPERIMENT) {
      renderPoints(main);
      experimentSections().forEach(function (s) { renderSection(s, main, jobs); });
    } else {
      renderHeadlines(main);
      SECTIONS.forEach(function (s) { if (!s.onlyCompare || COMPARE) renderSection(s, main, jobs); });
    }
    renderFooter();
    jobs.forEach(drawChart);
    settingUp = false;
    if (pending === 0) allRendered();
  }

  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
  render();
})();
