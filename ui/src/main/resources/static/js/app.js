// Channelbook pages: charts from server-rendered data, live-update notices, bulk selection. No inline scripts (CSP).
(function () {
    'use strict';

    function drawCharts(root) {
        if (!window.echarts) {
            return;
        }
        root.querySelectorAll('[data-chart]').forEach(function (element) {
            var data = JSON.parse(element.getAttribute('data-chart'));
            var chart = window.echarts.getInstanceByDom(element) || window.echarts.init(element, null, {renderer: 'svg'});
            chart.setOption({
                animation: false,
                tooltip: {trigger: 'axis'},
                legend: {show: data.series.length > 1},
                grid: {left: 56, right: 16, top: 32, bottom: 32},
                xAxis: {type: 'category', data: data.months},
                yAxis: {type: 'value'},
                color: ['#0a58ca', '#1a7f37', '#8250df', '#bc4c00'],
                series: data.series.map(function (series) {
                    return {name: series.name, type: 'bar', barMaxWidth: 48, data: series.data};
                })
            }, true);
        });
    }

    // a plan rule shows the fields its kind uses; without script every field shows and the server ignores the others
    function showRuleFields(select) {
        var rule = select.closest('.rule');
        rule.querySelectorAll('[data-kinds]').forEach(function (field) {
            field.hidden = field.getAttribute('data-kinds').split(' ').indexOf(select.value) < 0;
        });
    }

    document.addEventListener('DOMContentLoaded', function () {
        drawCharts(document);
        document.querySelectorAll('select[data-rule-kind]').forEach(function (select) {
            showRuleFields(select);
            select.addEventListener('change', function () {
                showRuleFields(select);
            });
        });
        window.addEventListener('resize', function () {
            document.querySelectorAll('[data-chart]').forEach(function (element) {
                var chart = window.echarts && window.echarts.getInstanceByDom(element);
                if (chart) {
                    chart.resize();
                }
            });
        });
        document.querySelectorAll('[data-select-all]').forEach(function (box) {
            box.addEventListener('change', function () {
                document.querySelectorAll('input[name="' + box.getAttribute('data-select-all') + '"]').forEach(function (item) {
                    item.checked = box.checked;
                });
            });
        });
    });

    document.addEventListener('htmx:afterSettle', function (event) {
        drawCharts(event.target.parentElement || document);
    });

    document.addEventListener('htmx:sseMessage', function () {
        var status = document.getElementById('live-status');
        if (status) {
            status.textContent = 'Figures update live. Last update ' + new Date().toLocaleTimeString() + '.';
        }
    });

    document.addEventListener('htmx:sseError', function () {
        var status = document.getElementById('live-status');
        if (status) {
            status.textContent = 'Live updates paused; reconnecting…';
        }
    });
})();
