"""The reader against the seeded database: constructions found in real text, each checked with its
verdict (the corpora measure the rates; these pin the mechanisms)."""

from __future__ import annotations

import json


def _claims(cli, text, *options):
    result = cli("check", text, "-f", "json", *options)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _read(cli, text, *options):
    """A text given as a file (``--file -``): no comparison found is no error there."""
    result = cli("check", "--file", "-", "-f", "json", *options, input=text)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_a_qualifier_in_a_list_after_a_colon_is_no_qualifier_of_the_figure(cli):
    data = _claims(cli, "The A100 tripled the Tensor Core performance, and added features: Multi-Instance GPU, "
                        "structural sparsity, and third-generation NVLink.", "--baseline", "V100")
    (claim,) = data["claims"]
    assert claim["metric"] == "compute" and claim["qualifier_values"]["sparsity"] == "dense"
    assert claim["verdict"] == "overstated"  # dense FP16 312 / 125 = 2.5


def test_performance_per_watt_takes_the_fp16_fallback_where_one_side_has_no_bf16(cli):
    (claim,) = _claims(cli, "The L4 delivers roughly 3x better performance per watt than the T4.")["claims"]
    assert (claim["subject"], claim["baseline"], claim["metric"]) == ("l4", "t4", "compute_per_watt")
    assert claim["verdict"] == "overstated" and "FP16" in " ".join(claim["notes"])


def test_performance_per_watt_after_a_workload_is_a_workload(cli):
    data = _claims(cli, "AMD claims this chip delivers up to 4X more performance than Nvidia's H100 GPUs in some "
                        "workloads and touts that it has twice the performance per watt.", "--subject", "MI300A")
    assert not data["claims"] or all(c["verdict"] == "not checkable" for c in data["claims"])
    assert data["not_spec_claims"]


def test_a_stated_precision_the_baseline_lacks_falls_back_to_like_for_like(cli):
    (claim,) = _claims(cli, "單晶片運算性能:達 4614 TFLOPs,約為 TPU v4 的 16 倍", "--subject", "tpu-v7")["claims"]
    assert claim["baseline"] == "tpu-v4" and claim["verdict"] == "overstated"  # BF16 2307 / 275 = 8.4
    assert any("no counterpart" in n for n in claim["notes"])


def test_a_generation_alone_names_its_device(cli):
    data = _claims(cli, "Compared with v4, each v5p chip delivers roughly double the floating-point operations per "
                        "second and three times the high-bandwidth memory.")
    got = [(c["subject"], c["baseline"], c["metric"], c["stated"]) for c in data["claims"]]
    assert got == [("tpu-v5p", "tpu-v4", "compute", 2.0), ("tpu-v5p", "tpu-v4", "memory_capacity", 3.0)]


def test_a_value_up_from_another_devices_value_implies_their_ratio(cli):
    data = _claims(cli, "It has 96GB of HBM2e per chip (up from 32GB on the original Trainium).",
                   "--subject", "Trainium2")
    (claim,) = data["claims"]
    assert (claim["subject"], claim["baseline"], claim["metric"]) == ("aws-trainium2", "aws-trainium1", "memory_capacity")
    assert abs(claim["stated"] - 3.0) < 0.01 and claim["verdict"] == "holds"


def test_the_closest_current_statement_picks_the_device_a_stated_value_means(cli):
    # 9.0 PF dense FP4 is the HGX B200's (half its 18 PF sparse); the GB200's B200 has it only from a
    # deprecated source, and "288 GB HBM3E vs. 180 GB" pairs the values even with a word between
    data = _claims(cli, "B300 dense FP4 performance is 55.6% faster (14 vs 9.0 petaFLOPS) compared to B200. "
                        "B300 has 55.6% more GPU memory (288 GB HBM3E vs. 180 GB).")
    got = [(c["subject"], c["baseline"], c["metric"]) for c in data["claims"]]
    assert got[0] == ("b300-hgx", "b200-hgx", "compute") and got[1][1:] == ("b200-hgx", "memory_capacity")
    assert [v["device"] for v in data["claims"][1]["values"]] == [got[1][0], "b200-hgx"]


def test_a_percentage_in_tex_math_and_a_plus_sign_in_chinese(cli):
    data = _claims(cli, "Tensor Core 实现了算力的跨越式提升（$+217\\%$），而 HBM 显存带宽拓展缓慢（仅 $+68\\%$）。",
                   "--subject", "H100", "--baseline", "A100")
    got = [(c["metric"], round(c["stated"], 2)) for c in data["claims"]]
    assert got == [("compute", 3.17), ("memory_bandwidth", 1.68)]


def test_an_order_of_magnitude_is_about_ten_times(cli):
    for text in ("The B200 offers an order of magnitude more compute than the V100.", "B200的算力较V100提升整整一个数量级。"):
        (claim,) = _claims(cli, text)["claims"]
        assert claim["stated"] == 10 and claim["bound"] == "approx", text


def test_a_sentence_that_says_it_measured_gives_no_spec_claim(cli):
    data = _claims(cli, "B200在FP8算力、HBM3e带宽、MFU利用率三方面全面超越H100:FP8达2.25 PFLOPS(+13.6%)")
    assert not [c for c in data["claims"] if c["verdict"] != "not checkable"]
    assert any("measurements" in n["reason"] for n in data["not_spec_claims"])


def test_two_devices_values_set_against_each_other_imply_their_ratio(cli):
    cases = [  # (text, subject, baseline, metric, stated)
        ("CloudMatrix's total power consumption is estimated at 500KW, significantly higher than NVL72's 145KW.",
         "cloudmatrix-384", "gb200-nvl72", "power_all_in", 3.448),
        ("Raw performance numbers show the MI300X reaching 1.31 petaflops at FP16 precision, while the H100 achieves "
         "989.5 teraflops.", "amd-mi300x", "h100-sxm5-80gb", "compute", 1.324),
        ("The Instinct MI300X draws 750W, thus surpassing the 700W of NVIDIA's Hopper H100.",
         "amd-mi300x", "h100-sxm5-80gb", "power", 1.071),
    ]
    for text, subject, baseline, metric, stated in cases:
        got = [(c["subject"], c["baseline"], c["metric"], round(c["stated"], 3)) for c in _claims(cli, text)["claims"]
               if c["stated"] is not None]
        assert (subject, baseline, metric, stated) in got, (text, got)


def test_an_unowned_value_between_two_owned_ones_breaks_the_pair(cli):
    data = _claims(cli, "雖然SXM版H100最高功耗有700W,但是PCIe 5.0版的功耗是350W,相比目前的A100核心的400W還低了。")
    assert not [c for c in data["claims"] if c["stated"] is not None and round(c["stated"], 2) == 1.75]


def test_fp32_on_cards_with_no_fp32_tensor_path_is_read_on_vector_figures(cli):
    (claim,) = _claims(cli, "A10 的 FP32 性能是 T4 的近 4 倍,适合更复杂的AI训练和推理任务。")["claims"]
    assert claim["qualifier_values"]["engine"] == "vector" and claim["verdict"] == "holds"  # 31.2 / 8.1


def test_faster_according_to_the_specifications_is_a_spec(cli):
    (claim,) = _claims(cli, "NVIDIA's current H100 SXM is 6.68x faster than the upcoming H20 SXM, according to "
                            "NVIDIA's own detailed specifications.")["claims"]
    assert (claim["subject"], claim["baseline"], claim["metric"]) == ("h100-sxm5-80gb", "h20", "compute")
    data = _claims(cli, "The H100 SXM is 6.68x faster than the H20 SXM.")
    assert not data["claims"] and data["not_spec_claims"]  # without them: no metric


def test_a_metric_after_a_comma_belongs_to_the_next_clause(cli):
    data = _claims(cli, "This results in the GPU memory of H200 directly increasing from 80GB to 141GB, almost doubling, "
                        "and the memory bandwidth increased from 3.35TB/s to 4.8TB/s, which is 1.4 times that of H100.")
    got = [(c["metric"], c["stated"]) for c in data["claims"]]
    assert ("memory_capacity", 2.0) in got and ("memory_bandwidth", 1.4) in got


def test_a_family_means_its_first_device_first(cli):
    (claim,) = _claims(cli, "Blackwell GPU 集成2080亿个晶体管,这一数量是Hopper架构的2.6倍。")["claims"]
    assert claim["baseline"] == "h100-sxm5-80gb" and claim["metric"] == "transistors"


def test_a_leading_compared_to_sets_each_listed_value_against_the_subjects(cli):
    data = _claims(cli, "Compared to the H100's 80GB HBM3 or H200's 141GB HBM3e, the H20's 96GB is a clear middle ground.")
    got = {(c["subject"], c["baseline"], round(c["stated"], 3)) for c in data["claims"]}
    assert got == {("h20", "h100-sxm5-80gb", 1.2), ("h20", "h200-sxm-141gb", 0.681)}


def test_an_unnamed_value_set_against_a_named_baseline_is_the_topics(cli):
    data = _claims(cli, "A single OAM module draws a whopping 750W, significantly higher compared to the 560W of the "
                        "preceding CDNA2 architecture's MI250X.", "--subject", "MI300X")
    got = [(c["subject"], c["baseline"], c["stated"] and round(c["stated"], 3)) for c in data["claims"]]
    assert ("amd-mi300x", "amd-mi250x", 1.339) in got


def test_a_system_named_by_what_it_is_built_of(cli):
    for text in ("A cluster of 384 Ascend 910C chips delivers 300 PFLOPS, 1.7x the GB200 NVL72.",
                 "通过将 384颗昇腾910C芯片集成,华为打造了一个高达 300 PetaFLOPS(BF16) 的算力集群,性能是 英伟达GB200 NVL72 的两倍。"):
        (claim,) = _claims(cli, text)["claims"]
        assert (claim["subject"], claim["baseline"]) == ("cloudmatrix-384", "gb200-nvl72"), text


def test_a_line_and_a_system_run_together_and_a_generation_by_its_ordinal(cli):
    data = _claims(cli, "輝達發表 Blackwell Ultra NVL72 平台,有 1.5 倍更快記憶體。", "--baseline", "GB200 NVL72")
    assert [(c["subject"], c["metric"]) for c in data["claims"]] == [("gb300-nvl72", "memory_capacity")]
    for text in ("Compared to the fifth generation TPU, Trillium boasts 4.7 times the peak compute per chip.",
                 "第六代TPU的算力是第五代TPU的4.7倍"):
        (claim,) = _claims(cli, text)["claims"]
        assert (claim["subject"], claim["baseline"]) == ("tpu-v6e", "tpu-v5e"), text


def test_a_name_given_as_an_option_keeps_its_candidates_for_the_sentences_numbers(cli):
    """--baseline B200 is read as the text's own "B200" would be: its 4.5 PFLOPS is the HGX B200's."""
    data = _claims(cli, "Ironwood offers slightly higher compute power (4.6 PFLOPS vs. 4.5 PFLOPS).", "--baseline", "B200")
    assert {(c["subject"], c["baseline"], c["verdict"]) for c in data["claims"]} == {("tpu-v7", "b200-hgx", "holds")}
    data = _claims(cli, "It has 2x the memory of the H100.", "--subject", "b200-gb200")  # a slug is that device
    assert [c["subject"] for c in data["claims"]] == ["b200-gb200"]
    for given, slug in (("NVIDIA GB200 (B200)", "b200-gb200"), ("Google Ironwood (TPU v7)", "tpu-v7"),
                        ("NVIDIA H100 (Hopper)", "h100-sxm5-80gb")):  # names that say the same device twice
        data = _claims(cli, "It has 2x the memory of the A100.", "--subject", given)
        assert [c["subject"] for c in data["claims"]] == [slug], given
    result = cli("check", "It has 2x the memory of the A100.", "--subject", "Meta MTIA3")
    assert result.exit_code == 1 and "no device 'Meta MTIA3'" in result.output


def test_a_difference_in_units_with_one_sides_value_states_a_ratio(cli):
    (claim,) = _claims(cli, "It features 94GB of HBM3 memory per GPU - 14GB more than the standard H100 SXM.",
                       "--subject", "H100 NVL")["claims"]
    assert (claim["baseline"], round(claim["stated"], 3), claim["verdict"]) == ("h100-sxm5-80gb", 1.175, "holds")
    (claim,) = _claims(cli, "Each B200 chip has 192GB of memory, an increase of 112GB over the H100's 80GB.")["claims"]
    assert (claim["subject"], claim["baseline"], round(claim["stated"], 2)) == ("b200-gb200", "h100-sxm5-80gb", 2.4)
    assert [v["text"] for v in claim["values"]] == ["192gb", "80gb"]  # the difference is no device's value


def test_from_a_value_in_a_named_device_to_the_topics_value(cli):
    data = _claims(cli, "Each B200 chip contains 192GB of memory. The memory bandwidth has been upgraded from 3.35TB/s "
                        "in the H100 to 8TB/s.")
    assert [(c["subject"], c["baseline"], round(c["stated"], 2)) for c in data["claims"]] == [
        ("b200-gb200", "h100-sxm5-80gb", 2.39)]


def test_than_ever_before_and_a_system_built_of_a_chip_compare_no_devices(cli):
    for text in ("The TPU v5p is faster and has more memory and bandwidth than ever before, beating even the mighty H100",
                 "相较NVIDIA A100构建的超算,TPUv4构建的超算的理论速度要快1.2到1.7倍。"):
        result = cli("check", text, "-f", "json")
        assert result.exit_code == 2 and "found no comparison of two devices" in result.output, text
    data = _claims(cli, "TPUv4的性能功耗提升了2.7倍。", "--baseline", "TPU v3")
    assert not data["claims"] and data["not_spec_claims"]


def test_values_set_against_each_other_in_reading_order_or_to_the_one_grown_to(cli):
    cases = [("TDP is 70 W on the T4 and 72 W on the L4.[1][3] The L4 delivers roughly 3x better performance per watt.",
              ("t4", "l4", "power", 0.972)),
             ("从TDP来看,V100功耗约300W,A100提升至400W。", ("a100-sxm4-80gb", "v100-sxm2-32gb", "power", 1.333)),
             ("A100的FP16 Tensor性能约312 TFLOPS,而H100可达到1979 TFLOPS量级。", ("h100-sxm5-80gb", "a100-sxm4-80gb", "compute", 6.343))]
    for text, expected in cases:
        got = [(c["subject"], c["baseline"], c["metric"], round(c["stated"], 3)) for c in _claims(cli, text)["claims"]
               if c["stated"] is not None]
        assert expected in got, (text, got)


def test_ordinary_sentences_that_are_no_comparison_give_no_spec_verdict(cli):
    # a reviewer's list: a comparative with nothing it compares with, values of other kinds, a speed at a task,
    # sparse against dense, a workload after the figure, a generation no device has
    texts = ["The H100 and the A100 are both popular; buyers want more compute.",
             "Customers want more memory bandwidth, and the H100 and A100 both deliver.",
             "The DGX H100 ships with 30TB of NVMe storage while the DGX A100 has 15TB.",
             "The H100 server has 2TB of system RAM while the A100 server has 1TB.",
             "The H100 draws 700W; at idle the A100 draws 50W.",
             "The H100 delivers 1979 TFLOPS and the A100 312 TFLOPS.",
             "The H100 reaches 1979 TFLOPS of BF16 compute. The B200 boots 2.5 times faster than the H100.",
             "The datasheet says the L4 is 2.5x faster than the T4 at video decoding.",
             "The H100 has 40% better energy efficiency on BERT than the A100.",
             "The first-gen Gaudi has more memory than the H100."]
    for text in texts:
        assert all(c["verdict"] == "not checkable" for c in _read(cli, text)["claims"]), text


def test_a_figure_beside_utilization_is_still_a_spec(cli):
    for text in ("The H100 has 1.6x the memory bandwidth of the A100, improving GPU utilization.",
                 "H100的显存带宽是A100的1.6倍，有助于提高利用率。"):
        (claim,) = _claims(cli, text)["claims"]
        assert claim["verdict"] == "holds", text


def test_equality_words_and_a_pair_of_devices_sharing_a_figure(cli):
    cases = [("However, the Maia 100 consumes 700 watts, exactly like Nvidia's H100.", ("microsoft-maia-100", "h100-sxm5-80gb", "power")),
             ("The A10 and A10G share the same GPU memory stats: 24 gigabytes of GDDR6 VRAM.", ("a10", "a10g", "memory_capacity"))]
    for text, expected in cases:
        (claim,) = _claims(cli, text)["claims"]
        assert (claim["subject"], claim["baseline"], claim["metric"], claim["stated"]) == (*expected, 1), text


def test_values_read_beside_a_figure_about_another_metric(cli):
    data = _claims(cli, "A800计算性能与A100基本相同,但将NVLink高速互连总线的带宽从600GB/s降低到400GB/s。")
    got = [(c["subject"], c["baseline"], c["metric"], round(c["stated"], 3)) for c in data["claims"]]
    assert ("a800-sxm4-80gb", "a100-sxm4-80gb", "scaleup_bandwidth", 0.667) in got
    data = _claims(cli, "新的架构还配备了95GB的高带宽内存(HBM),而TPU v4中的HBM RAM为32GB。", "--subject", "TPU v5p")
    assert [(c["subject"], c["baseline"]) for c in data["claims"]] == [("tpu-v5p", "tpu-v4")]


def test_a_word_run_into_its_number_may_be_written_apart(cli):
    (claim,) = _claims(cli, "Trainium3 roughly doubles the per-chip FP8 throughput of AWS Trainium 2.")["claims"]
    assert (claim["subject"], claim["baseline"]) == ("aws-trainium3", "aws-trainium2")
    (claim,) = _claims(cli, "B300将单GPU功耗推升至1400瓦,较B200增加200瓦。")["claims"]
    assert round(claim["stated"], 3) == 1.167 and claim["metric"] == "power"


def test_a_comparative_before_a_metric_is_a_direction_unless_a_figure_says_it(cli):
    data = _claims(cli, "The MI300X's superior memory bandwidth and 192GB VRAM make it faster than H100s.")
    assert ("amd-mi300x", "h100-sxm5-80gb", "memory_bandwidth", None) in [
        (c["subject"], c["baseline"], c["metric"], c["stated"]) for c in data["claims"]]
    data = _claims(cli, "Ironwood has more memory (192GB per chip, 6 times more than last-gen Trillium TPU).")
    assert [(c["metric"], c["stated"]) for c in data["claims"]] == [("memory_capacity", 6)]
    data = _claims(cli, "H200作为H100的升级版本,在FP64性能上有明显提升。")
    assert [(c["subject"], c["baseline"], c["metric"], c["kind"]) for c in data["claims"]] == [
        ("h200-sxm-141gb", "h100-sxm5-80gb", "compute", "direction")]


def test_the_previous_generation_by_name_and_release_date(cli):
    (claim,) = _claims(cli, "The TPU v5p offers 2x the FLOPS of the previous generation.")["claims"]
    assert claim["baseline"] == "tpu-v4" and any("by name and release date" in n for n in claim["notes"])
    (claim,) = _claims(cli, "第三代NVLink互联技术实现GPU间600GB/s的带宽,较前代提升2倍。", "--subject", "A100")["claims"]
    assert claim["baseline"].startswith("v100-sxm2")  # an SXM part's predecessor is an SXM part


def test_two_sentences_in_parallel_set_their_devices_values_against_each_other(cli):
    data = _claims(cli, "The L4 uses Ada Lovelace architecture with 24 GB GDDR6, up to 485 TFLOPS FP8, and 72 W TDP. "
                        "The T4, based on Turing, offers 16 GB GDDR6, about 65 TFLOPS FP16 and 70 W TDP.")
    got = {c["metric"]: c for c in data["claims"]}
    assert {(c["subject"], c["baseline"]) for c in got.values()} == {("l4", "t4")}
    assert abs(got["memory_capacity"]["stated"] - 1.5) < 1e-6 and got["memory_capacity"]["verdict"] == "holds"
    assert abs(got["power"]["stated"] - 72 / 70) < 1e-4 and got["power"]["verdict"] == "holds"
    # FP8 set against FP16 compares nothing like for like: read, and not checkable, saying why
    assert got["compute"]["verdict"] == "not checkable" and "FP8 and FP16" in got["compute"]["reason"]


def test_sentences_that_each_name_one_device_but_share_no_metric_imply_nothing(cli):
    assert _read(cli, "The L4 has 24 GB of GDDR6. The T4 draws 70 W.")["claims"] == []


def test_a_list_of_devices_given_one_value_is_an_equality(cli):
    data = _claims(cli, "Hopper家族的H100、H200 GPU功耗都是700W,H20只需要400W。")
    got = {(c["subject"], c["baseline"], c["metric"]): c for c in data["claims"]}
    same = got[("h100-sxm5-80gb", "h200-sxm-141gb", "power")]
    assert same["stated"] == 1 and same["verdict"] == "holds"
    assert any("h20" in (c["subject"], c["baseline"]) for c in data["claims"])  # the 400W set against the 700W
    (claim,) = _claims(cli, "The H100 and the H200 both draw 700W.")["claims"]
    assert (claim["subject"], claim["baseline"], claim["stated"], claim["verdict"]) == (
        "h100-sxm5-80gb", "h200-sxm-141gb", 1, "holds")


def test_an_equality_before_a_list_of_values_holds_for_each_metric_and_units_spelled_out(cli):
    data = _claims(cli, "The A10 and A10G share the same GPU memory stats: 24 gigabytes of GDDR6 VRAM with a memory "
                        "bandwidth of 600 gigabytes per second.")
    assert sorted(c["metric"] for c in data["claims"]) == ["memory_bandwidth", "memory_capacity"]
    assert all((c["subject"], c["baseline"], c["verdict"]) == ("a10", "a10g", "holds") for c in data["claims"])
    (claim,) = _claims(cli, "H100集成了超过800亿晶体管,作为对比的话,上代的A100核心是542亿晶体管。")["claims"]
    assert (claim["subject"], claim["baseline"], claim["metric"]) == ("h100-sxm5-80gb", "a100-sxm4-80gb", "transistors")
    assert abs(claim["stated"] - 800 / 542) < 1e-3


def test_chinese_increase_by_one_time_is_double_and_more_than_an_order_of_magnitude(cli):
    (claim,) = _claims(cli, "能效比:相比前代产品提升了接近一倍", "--subject", "MI300X")["claims"]
    assert claim["stated"] == 2 and claim["metric"] == "compute_per_watt"
    (claim,) = _claims(cli, "晶体管数量比前代产品提升了不止一个量级", "--subject", "MI300X")["claims"]
    assert (claim["metric"], claim["stated"]) == ("transistors", 10)


def test_a_subject_named_as_this_generation_and_its_predecessor(cli):
    data = _claims(cli, "亚马逊网络服务推出了Trainium3,其最新的AI训练芯片。这一代产品在内存方面比其前代产品提高了4倍。")
    (claim,) = data["claims"]
    assert (claim["subject"], claim["baseline"], claim["metric"]) == ("aws-trainium3", "aws-trainium2", "memory_capacity")


def test_two_names_joined_by_a_slash_are_one_side_the_first_primary(cli):
    (claim,) = _claims(cli, "B300提供15 PetaFLOPS的密集NVFP4计算能力,相比Hopper H100/H200 GPU提升了7.5倍")["claims"]
    assert claim["baseline"] == "h100-sxm5-80gb"
    assert any(alt["baseline"].startswith("h200") for alt in claim["candidates"])


def test_chained_figures_after_a_workload_stay_workload_figures(cli):
    data = _claims(cli, "One engine (8 Trainium2 chips) delivers 1.6–1.75× an 8-GPU H200 node's total tokens per dollar "
                        "at 1–8 users, 1.34× at 12 and 1.07× at 16.")
    assert all(c["verdict"] == "not checkable" for c in data["claims"]) and data["not_spec_claims"]


def test_a_measurement_in_the_first_person_is_no_spec(cli):
    data = _claims(cli, "I can see our MI300X achieves 250 TFLOP/s with hipblaslt, compared to 300 TFLOP/s using H100.")
    assert all(c["verdict"] == "not checkable" for c in data["claims"]) and data["not_spec_claims"]


def test_a_name_as_written_is_accepted_beside_the_text(cli):
    (claim,) = _claims(cli, "It has 1.5x the memory of the B200.", "--subject", "Blackwell Ultra GPU")["claims"]
    assert claim["subject"].startswith("b300")


def test_figures_listed_with_respectively_take_the_metrics_named_before_them(cli):
    data = _claims(cli, "The H200 boasts larger memory (141GB) and higher bandwidth (4.8 TB/s) compared to the H100, "
                        "approximately 1.8 and 1.4 times, respectively.")
    got = [(c["subject"], c["baseline"], c["metric"], c["stated"], c["bound"]) for c in data["claims"]]
    assert got == [("h200-sxm-141gb", "h100-sxm5-80gb", "memory_capacity", 1.8, "approx"),
                   ("h200-sxm-141gb", "h100-sxm5-80gb", "memory_bandwidth", 1.4, "approx")]
    assert all(c["verdict"] == "holds" for c in data["claims"])


TABLE = """| | MI300X | H200 | AMD advantage |
|---|---|---|---|
| BF16 dense | 1307.4 TFLOP/s | 989.4 TFLOP/s | **1.32×** |
| Memory capacity | 192 GB | 141 GB | **1.36×** |
| TBP | 750 W | 700 W | — |
"""


def test_a_markdown_tables_columns_are_its_devices(cli):
    got = {c["metric"]: c for c in _read(cli, TABLE)["claims"]}
    assert set(got) == {"compute", "memory_capacity", "power"}
    assert all((c["subject"], c["baseline"]) == ("amd-mi300x", "h200-sxm-141gb") for c in got.values())
    assert abs(got["power"]["stated"] - 750 / 700) < 1e-4 and got["power"]["verdict"] == "holds"


def test_values_no_word_orders_set_the_newer_device_against_the_older(cli):
    table = "| | H100 SXM | H200 SXM |\n|---|---|---|\n| GPU Memory | 80 GB | 141 GB |\n"
    (claim,) = _read(cli, table)["claims"]
    assert (claim["subject"], claim["baseline"]) == ("h200-sxm-141gb", "h100-sxm5-80gb")
    assert abs(claim["stated"] - 141 / 80) < 1e-6


def test_a_metric_raised_to_a_value_is_higher_than_the_baseline_given_or_named(cli):
    for text in ("Since H200 has improved the HBM bandwidth to 4.8TB/s, it is faster.", "H200的显存带宽提升至4.8TB/s。"):
        (claim,) = _claims(cli, text, "--baseline", "H100")["claims"]
        assert (claim["subject"], claim["metric"], claim["verdict"]) == ("h200-sxm-141gb", "memory_bandwidth", "holds")
    assert _read(cli, "H200的显存带宽提升至4.8TB/s。")["claims"] == []  # compared with nothing


def test_their_predecessors_is_the_generation_before(cli):
    data = _claims(cli, "These chips will be four times as fast as their predecessors, with a single Trainium2-powered "
                        "instance providing up to 20.8 petaflops of compute performance.")
    (claim,) = data["claims"]
    assert (claim["subject"], claim["baseline"], claim["metric"]) == ("aws-trainium2", "aws-trainium1", "compute")


def test_values_in_parentheses_each_against_their_own_kind(cli):
    data = _claims(cli, "Memory bandwidth (~3.35TB/s vs ~2TB/s) and fourth-generation NVLink (900GB/s vs 600GB/s) widen the "
                        "gap.", "--subject", "H100", "--baseline", "A100")
    got = [(c["metric"], round(c["stated"], 3)) for c in data["claims"]]
    assert got == [("memory_bandwidth", 1.675), ("scaleup_bandwidth", 1.5)]
    data = _claims(cli, "HBM4 replaces HBM3e, with each Rubin GPU carrying 288 GB at 22 TB/s bandwidth, compared to 192 GB "
                        "at 8 TB/s on B200.")
    got = {(c["subject"], c["metric"], round(c["stated"], 3)) for c in data["claims"]}
    assert got == {("rubin", "memory_capacity", 1.5), ("rubin", "memory_bandwidth", 2.75)}


def test_the_sentence_before_says_which_device_is_the_baseline(cli):
    text = ("The Rubin GPU keeps the dual-die design introduced in Blackwell, pushing the transistor count from 208 billion to "
            "336 billion (1.6x). That density translates into 50 PFLOPS of FP4 inference per GPU, up from 18 PFLOPS on B200 "
            "— a 2.8x improvement in raw compute throughput.")
    got = [(c["subject"], c["baseline"], c["metric"]) for c in _read(cli, text)["claims"]]
    assert got == [("rubin", "b200-gb200", "transistors"), ("rubin", "b200-hgx", "compute")]  # 18 PF is the HGX B200's


def test_identical_specs_hbm3e_ram_and_a_name_split_from_its_number(cli):
    (claim,) = _claims(cli, "H200 and H100 have identical compute specs.")["claims"]
    assert (claim["subject"], claim["baseline"], claim["stated"]) == ("h200-sxm-141gb", "h100-sxm5-80gb", 1)
    (claim,) = _claims(cli, "192 GB of HBM3e RAM (vs. H100’s 80 GB HBM3).", "--subject", "B200")["claims"]
    assert claim["metric"] == "memory_capacity" and abs(claim["stated"] - 2.4) < 1e-6
    (claim,) = _claims(cli, "Per chip, TPU 7x has 192GB of HBM3e, whereas the NVIDIA B200 has 186GB.")["claims"]
    assert claim["subject"] == "tpu-v7" and claim["metric"] == "memory_capacity"


def test_the_former_and_the_latter_are_the_two_devices_named_last(cli):
    (claim,) = _claims(cli, "910C的TPP為12032，H200則高達15840；頻寬方面，前者為3.2TB/s、後者達4.8TB/s。")["claims"]
    assert (claim["subject"], claim["baseline"], claim["metric"]) == ("ascend-910c", "h200-sxm-141gb", "memory_bandwidth")
    assert abs(claim["stated"] - 3.2 / 4.8) < 1e-6


def test_a_table_without_outer_bars_and_results_that_were_measured(cli):
    table = "指標 | H100 | H200 | 改進 |\n---|---|---|---|\n內存帶寬 | 3.35 TB/s | 4.8 TB/s | 43% |\n"
    (claim,) = _read(cli, table)["claims"]
    assert (claim["subject"], claim["baseline"], claim["metric"]) == ("h200-sxm-141gb", "h100-sxm5-80gb", "memory_bandwidth")
    data = _claims(cli, "Results indicate that the L4 GPU offers significantly higher throughput than the T4, particularly "
                        "at smaller batch sizes.")
    assert all(c["verdict"] == "not checkable" for c in data["claims"]) and data["not_spec_claims"]


def test_a_gap_of_n_times_is_the_larger_over_the_smaller(cli):
    (claim,) = _claims(cli, "英伟达H100的FP32浮点算力达130 TFLOPS,而华为昇腾910B仅为2.8 TFLOPS,差距达46倍。")["claims"]
    assert (claim["subject"], claim["baseline"], claim["stated"]) == ("h100-sxm5-80gb", "ascend-910b", 46)


def test_a_dash_ends_the_clause_a_workload_word_counts_in_and_trading_a_share_away(cli):
    (claim,) = _claims(cli, "Compute throttled to ~15% of H100 — training runs are dramatically slower",
                       "--subject", "H20")["claims"]
    assert (claim["metric"], claim["stated"], claim["verdict"]) == ("compute", 0.15, "holds")
    (claim,) = _claims(cli, "AMD is also offering the MI350X, which trades about 8 percent of peak performance for a "
                            "slightly more reasonable 1 kW TDP.", "--baseline", "MI355X")["claims"]
    assert (claim["subject"], claim["metric"], round(claim["stated"], 2)) == ("amd-mi350x", "compute", 0.92)


def test_a_range_of_power_ratios_is_a_measurement_and_its_comparative_goes_with_it(cli):
    data = _claims(cli, "MI300X Draws 40-55% More Power Than H100")
    assert all(c["verdict"] == "not checkable" for c in data["claims"]) and data["not_spec_claims"]
    (claim,) = _claims(cli, "B300将单GPU功耗推升至1400瓦,较B200增加200瓦。")["claims"]  # a difference is no range
    assert claim["metric"] == "power" and claim["verdict"] != "not checkable"


def test_a_long_name_with_a_letter_dropped_is_still_that_name(cli):
    (claim,) = _claims(cli, "The Tranium3 was expected to deliver 2X the compute of Tranium2.")["claims"]
    assert (claim["subject"], claim["baseline"]) == ("aws-trainium3", "aws-trainium2")
    (claim,) = _claims(cli, "The Trinium 2 chip boasts 667 teraflops of performance. Meanwhile, the upcoming Trinium 3 is "
                            "set to deliver up to 2,668 teraflops, positioning itself as a competitor to Nvidia's H100.")["claims"]
    assert (claim["subject"], claim["baseline"], claim["metric"]) == ("aws-trainium3", "aws-trainium2", "compute")


def test_values_in_scientific_notation_and_a_figure_about_a_workload_beside_spec_values(cli):
    (claim,) = _claims(cli, "An NVIDIA H100 can perform about 1.98e15 bfloat16 FLOPs/s while a TPU v6e can perform 9.1e14 "
                            "FLOPs/s.")["claims"]
    assert (claim["subject"], claim["baseline"], round(claim["stated"], 3)) == ("h100-sxm5-80gb", "tpu-v6e", 2.176)
    data = _claims(cli, "The A100 outperforms the V100 by up to 2.5x in AI training and 20x in inference, thanks to "
                        "third-gen Tensor Cores (312 TFLOPS vs. 125 TFLOPS).")
    (claim,) = [c for c in data["claims"] if c["verdict"] != "not checkable"]
    assert (claim["metric"], round(claim["stated"], 3)) == ("compute", 2.496)


def test_a_chinese_spec_word_later_in_the_clause_makes_performance_a_spec(cli):
    (claim,) = _claims(cli, "H100 将再次将 GPU 性能提高到 A100 当前峰值的 6 倍。")["claims"]
    assert (claim["subject"], claim["baseline"], claim["metric"], claim["stated"]) == (
        "h100-sxm5-80gb", "a100-sxm4-80gb", "compute", 6)


def test_an_html_fragment_drops_its_footnotes_and_its_table_is_read_by_columns(cli):
    text = ("An NVIDIA H100 can perform about 1.98e15 bfloat16<d-footnote>bf16 is short for <a href=\"x\">bfloat16</a>, "
            "a 16-bit format.</d-footnote> FLOPs/s while a TPU v6e can perform 9.1e14 FLOPs/s. Doing 1e12 FLOPs on an "
            "H100 takes 505us.")
    (claim,) = _read(cli, text)["claims"]  # "1e12 FLOPs" is an amount of work, no rate
    assert (claim["subject"], claim["baseline"], round(claim["stated"], 3)) == ("h100-sxm5-80gb", "tpu-v6e", 2.176)
    table = "<table><tr><th></th><th>H100</th><th>H200</th></tr><tr><td>Memory</td><td>80 GB</td><td>141 GB</td></tr></table>"
    (claim,) = _read(cli, table)["claims"]
    assert (claim["subject"], claim["baseline"], claim["metric"]) == ("h200-sxm-141gb", "h100-sxm5-80gb", "memory_capacity")


def test_fen_bie_gives_the_metrics_of_its_clause_to_the_figures_after_it(cli):
    data = _claims(cli, "NVL144 的 FP4 推理算力達 3.6 Exaflops，較 GB300 NVL72 提升 3.3 倍；記憶體與頻寬分別成長 60% 與顯著優化。")
    got = {(c["metric"], c["stated"]) for c in data["claims"]}
    assert ("memory_capacity", 1.6) in got and all(c["subject"] == "vera-rubin-nvl144" for c in data["claims"])


def test_a_bare_bandwidth_after_a_links_is_that_links(cli):
    text = ("H800 GPU servers are equipped with a reduced configuration of NVLink, featuring a nominal bandwidth of "
            "200GB/s. In contrast, the H20 GPU servers you are using offer higher bandwidth capacity.")
    (claim,) = _read(cli, text)["claims"]
    assert (claim["subject"], claim["baseline"], claim["metric"]) == ("h20", "h800-sxm5-80gb", "scaleup_bandwidth")


def test_up_and_down_by_a_percentage_from_a_device_and_a_sixth(cli):
    (claim,) = _claims(cli, "The H200 offers 4.8 TB/s of memory bandwidth, up 43% from the H100.")["claims"]
    assert (claim["subject"], claim["baseline"], claim["metric"], claim["stated"]) == (
        "h200-sxm-141gb", "h100-sxm5-80gb", "memory_bandwidth", 1.43)
    (claim,) = _claims(cli, "The H20 delivers 148 TFLOPS of BF16, down 85% from the H100.")["claims"]
    assert (claim["subject"], claim["metric"], round(claim["stated"], 2), claim["verdict"]) == ("h20", "compute", 0.15, "holds")
    (claim,) = _claims(cli, "The H20 has about a sixth of the H100's compute.")["claims"]
    assert round(claim["stated"], 4) == 0.1667 and claim["bound"] == "approx"


def test_and_a_half_a_relative_clauses_device_and_that_is_as_the_topic(cli):
    cases = [("The B200 has 208 billion transistors. That is more than two and a half times the 80 billion transistors "
              "in the H100.", ("b200-gb200", "h100-sxm5-80gb", "transistors", 2.5)),
             ("NVIDIA has showcased specs of the H200, which boasts nearly twice the memory capacity of the H100.",
              ("h200-sxm-141gb", "h100-sxm5-80gb", "memory_capacity", 2.0)),
             ("The B200 has one and a half times the memory of the H100.", ("b200-gb200", "h100-sxm5-80gb",
                                                                             "memory_capacity", 1.5))]
    for text, expected in cases:
        got = [(c["subject"], c["baseline"], c["metric"], c["stated"]) for c in _claims(cli, text)["claims"]]
        assert got == [expected], text


def test_a_systems_name_with_a_chips_figure_is_read_as_its_accelerator(cli):
    text = ("Ironwood Superpod 擁有 9216 顆 TPU 晶片。單晶片運算性能高達 4614 TFLOPs,約為 TPU v4 的 16 倍。")
    (claim,) = _claims(cli, text)["claims"]
    assert (claim["subject"], claim["baseline"]) == ("tpu-v7", "tpu-v4")
    assert any("accelerator's figure, not the system's" in n for n in claim["notes"])


def test_a_compound_that_describes_the_device_names_no_workload(cli):
    text = ("Google's Ironwood TPU offers 4,614 TFLOPs per chip, 192GB HBM, and an inference-first architecture "
            "delivering twice the performance-per-watt of previous TPU generations.")
    (claim,) = _claims(cli, text)["claims"]
    assert (claim["subject"], claim["baseline"], claim["metric"]) == ("tpu-v7", "tpu-v6e", "compute_per_watt")
    data = _claims(cli, "The H200 has up to 4X more performance in some workloads and twice the performance per watt of "
                        "the H100.")
    assert not data["claims"] and data["not_spec_claims"]  # a workload named in the same breath


def test_a_precise_figure_picks_the_one_variant_it_fits(cli):
    (claim,) = _claims(cli, "The B200 carries 2.27x the H200's dense FP8 FLOPS.")["claims"]
    assert (claim["subject"], claim["verdict"]) == ("b200-hgx", "holds")  # 4.5 / 1.979, not the GB200's 5 PF
    assert any("the one pair the names may mean" in n for n in claim["notes"])
    assert any(c["subject"] == "b200-gb200" for c in claim["candidates"])  # the other reading is listed
    (claim,) = _claims(cli, "The B200 carries 2.3x the H200's dense FP8 FLOPS.")["claims"]
    assert claim["subject"] == "b200-gb200"  # two digits tell no variant apart: the usual reading stays


def test_a_figure_naming_neither_device_nor_metric_goes_on_with_the_text_before(cli):
    data = _claims(cli, "The H200 offers 4.8 TB/s of memory bandwidth and the H100 3.35 TB/s. The raw numbers suggest a "
                        "43% improvement.")
    assert ("h200-sxm-141gb", "h100-sxm5-80gb", "memory_bandwidth", 1.43) in [
        (c["subject"], c["baseline"], c["metric"], c["stated"]) for c in data["claims"]]


def test_a_family_means_the_model_its_bare_name_means_and_a_tie_reads_the_headline_figure(cli):
    # "Volta GPUs": the V100 that "V100" means (SXM2 32GB), not the first-released 16GB variant
    (claim,) = _claims(cli, "The A100 offers up to 10x the FP32 compute of Volta GPUs.")["claims"]
    assert (claim["subject"], claim["baseline"]) == ("a100-sxm4-80gb", "v100-sxm2-32gb")
    # "312 TFLOPS" is the A100's dense BF16 and its sparse TF32: the headline precision is read
    data = _claims(cli, "The A100 delivers 312 TFLOPS, 2.5x the V100's 125 TFLOPS.")
    assert any(v["device"] == "a100-sxm4-80gb" and v["qualifiers"] == "bf16 dense matrix"
               for c in data["claims"] for v in c["values"])


def test_a_ratio_two_values_imply_holds_within_two_percent_like_a_finely_printed_one(cli):
    # the writer's 2,307 TFLOPS is the datasheet's 2.3 PFLOPS a tenth of a percent apart: 1.0253 against 1.0267
    (claim,) = _claims(cli, "The MI350X offers 2,307 TFLOPS of dense FP16 compute, against 2,250 TFLOPS for the B200 SXM.")[
        "claims"]
    assert (claim["subject"], claim["baseline"], round(claim["stated"], 3)) == ("amd-mi350x", "b200-hgx", 1.025)
    assert claim["verdict"] == "holds"
    # a value 5% off is still caught: 2,420 / 2,250 = 1.076 against 1.027
    (claim,) = _claims(cli, "The MI350X offers 2,420 TFLOPS of dense FP16 compute, against 2,250 TFLOPS for the B200 SXM.")[
        "claims"]
    assert claim["verdict"] == "overstated"


def test_a_lead_stated_by_a_verb_and_by(cli):
    # "exceeding B by N%", "trails B by N%", "outperforms B by Nx", "N% ahead of B"
    cases = {"The MI300X has memory bandwidth exceeding the H100's by about 60%.": ("amd-mi300x", "h100-sxm5-80gb", 1.6),
             "In memory capacity the H100 trails the MI300X by 58%.": ("h100-sxm5-80gb", "amd-mi300x", 0.42),
             "The B200 outperforms the H100 by 2.5x in FP8 compute.": ("b200-gb200", "h100-sxm5-80gb", 2.5),
             "The MI300X's memory bandwidth is 60% ahead of the H100.": ("amd-mi300x", "h100-sxm5-80gb", 1.6)}
    for text, (subject, baseline, stated) in cases.items():
        (claim,) = _claims(cli, text)["claims"]
        assert (claim["subject"], claim["baseline"], round(claim["stated"], 2)) == (subject, baseline, stated), text
        assert claim["verdict"] == "holds", text


def test_per_watt_units_the_brand_before_a_name_and_words_that_are_not_comparisons(cli):
    # "TFLOPS/W" is compute per watt, checked as such
    (claim,) = _claims(cli, "The H100 delivers 1.41 TFLOPS/W of dense BF16, against 0.78 TFLOPS/W for the A100.")["claims"]
    assert (claim["metric"], claim["verdict"]) == ("compute_per_watt", "holds")
    assert {v["metric"] for v in claim["values"]} == {"compute_per_watt"}
    # "Tesla V100" after "of" is the baseline; "512 TOPS" is a unit, not the verb "tops"; "equivalent to
    # 7nm" compares no device; "double the performance in training ResNet50" is a workload's
    data = _read(cli, "The Ascend 910B is built on SMIC's N+1 process (equivalent to 7nm), with INT8 compute of 512 TOPS. "
                      "It has double the computing power of NVIDIA's Tesla V100 (125 TFLOPS), with nearly double the "
                      "performance in training the ResNet50 network.")
    assert [(c["subject"], c["baseline"], c["stated"]) for c in data["claims"]] == [("ascend-910b", "v100-sxm2-32gb", 2.0)]
    assert [n["reason"] for n in data["not_spec_claims"]] == [
        "compares 'performance' at a task (a workload or benchmark), not a specification"]


def test_a_task_frame_a_count_a_multiplier_and_a_rack_against_a_rack(cli):
    # a figure stated under a task ("在训练大型语言模型时,") is the task's, never a spec verdict
    data = _read(cli, "例如在训练大型语言模型(LLM)时,Maia 100的能效比英伟达A100高出30%以上。")
    assert not data["claims"] and data["not_spec_claims"]
    # "five times the number of chips" compares a count; the rack against "GB200" is the GB200 NVL72
    data = _read(cli, "The 384 Super Node configuration, which utilizes five times the number of chips, results in an "
                      "overall computational power that exceeds NVIDIA's GB200.")
    assert [(c["subject"], c["baseline"], c["metric"]) for c in data["claims"]] == [
        ("cloudmatrix-384", "gb200-nvl72", "compute")]
    assert [n["reason"] for n in data["not_spec_claims"]] == ["compares a count of parts, not a specification"]
    # "exactly 2× v5e" is a ratio against the v5e, not two v5e chips; "+4.7×" and "超越…的67%" are figures
    (cap, bw) = _claims(cli, "Trillium has 32 GiB HBM at 1,640 GB/s — exactly 2× v5e in capacity and bandwidth.")["claims"]
    assert (cap["baseline"], cap["metric"], bw["metric"], cap["stated"]) == ("tpu-v5e", "memory_capacity", "memory_bandwidth", 2)
    (claim,) = _claims(cli, "TPU v6e 較 v5e 每晶片峰值算力 +4.7×。")["claims"]
    assert (claim["subject"], claim["baseline"], claim["metric"], claim["stated"]) == ("tpu-v6e", "tpu-v5e", "compute", 4.7)
    (claim,) = _claims(cli, "CloudMatrix 384单集群算力推至300pFlops(超越英伟达NVL72的67%)。")["claims"]
    assert (claim["baseline"], round(claim["stated"], 2), claim["verdict"]) == ("gb200-nvl72", 1.67, "holds")


def test_a_pronoun_for_the_device_named_before_and_an_adjective_before_the_metric(cli):
    # "华为昇腾910b仅为其50%": 其 is the H100 named before, the 910B the subject
    for text in ("h100的Fp16算力达989tFlops,华为昇腾910b仅为它的30%", "h100的Fp16算力达989tFlops,华为昇腾910b仅为其30%"):
        (claim,) = _claims(cli, text)["claims"]
        assert (claim["subject"], claim["baseline"], claim["stated"]) == ("ascend-910b", "h100-sxm5-80gb", 0.3), text
    # "三倍的高内存带宽": the figure's own metric, behind an adjective
    data = _claims(cli, "与TPUv4相比,新发布的v5p具有两倍的FLOPS和三倍的高内存带宽。")
    assert [(c["metric"], c["stated"]) for c in data["claims"]] == [("compute", 2), ("memory_bandwidth", 3)]


def test_falling_behind_by_a_factor_outshining_and_flops_per_watt(cli):
    # "falls behind by a factor of three in compute and 2.5× in memory bandwidth": a third, and 1/2.5
    data = _claims(cli, "When compared with Nvidia's B200, the 910C falls behind by a factor of three in compute "
                        "performance and 2.5 × in memory bandwidth")
    assert [(c["subject"], c["metric"], round(c["stated"], 3)) for c in data["claims"]] == [
        ("ascend-910c", "compute", 0.333), ("ascend-910c", "memory_bandwidth", 0.4)]
    # "A outshines B": B is the baseline
    data = _claims(cli, "NVIDIA's H200 clearly outshines AMD's MI300X, delivering more memory bandwidth.")
    assert {(c["subject"], c["baseline"]) for c in data["claims"]} == {("h200-sxm-141gb", "amd-mi300x")}
    (claim,) = _claims(cli, "TPU v4 power efficiency 1.2x better FLOPS/W than A100")["claims"]
    assert claim["metric"] == "compute_per_watt"


def test_a_baseline_framed_in_the_next_clause_is_the_next_figures_and_area_is_die_area(cli):
    data = _claims(cli, "與 TPU v5p 相比，Ironwood 的峰值算力提升了 10 倍；與 TPU v6e 相比，其記憶體容量提升了 6 倍。")
    assert [(c["subject"], c["baseline"], c["metric"]) for c in data["claims"]] == [
        ("tpu-v7", "tpu-v5p", "compute"), ("tpu-v7", "tpu-v6e", "memory_capacity")]
    (claim,) = _claims(cli, "The 910C's logical area is about 60 % larger than the H100's.")["claims"]
    assert (claim["subject"], claim["baseline"], claim["metric"]) == ("ascend-910c", "h100-sxm5-80gb", "die_area")


def test_a_pair_a_verb_of_comparing_names_and_a_value_then_and_now(cli):
    (claim,) = _claims(cli, "We arrived at the 4.7x number by comparing the peak compute performance per chip (BF16) of "
                            "Trillium TPU and Cloud TPU v5e.")["claims"]
    assert (claim["subject"], claim["baseline"]) == ("tpu-v6e", "tpu-v5e")
    (claim,) = _claims(cli, "HBM2 capacity for TPU v5e was 16 GB, so Trillium capacity is 32 GB.")["claims"]
    assert (claim["subject"], claim["baseline"], round(claim["stated"], 2)) == ("tpu-v6e", "tpu-v5e", 2.0)


def test_a_metric_a_verb_of_outdoing_follows_is_its_figures(cli):
    data = _claims(cli, "The CM384 boasts a total memory capacity exceeding NVIDIA's GB200 NVL72 by 3.6 times and memory "
                        "bandwidth reaching 2.1 times.")
    assert [(c["metric"], c["stated"]) for c in data["claims"]] == [("memory_capacity", 3.6), ("memory_bandwidth", 2.1)]


def test_a_value_after_a_comparing_frame_is_the_subjects_and_unchanged_is_the_same(cli):
    data = _claims(cli, "故H20与H100相比其互联带宽(900GB/s)和显存(96GB)保持不变,高于H800的400GB/s的互联带宽。")
    got = {(c["subject"], c["baseline"], c["metric"]) for c in data["claims"]}
    # the 900GB/s is the H20's (its 其 after the frame), set against the H800's 400GB/s; 保持不变 is about 1x
    # against the H100, for bandwidth and memory each, and the values' ratio is of bandwidth alone
    assert got == {("h20", "h800-sxm5-80gb", "scaleup_bandwidth"), ("h20", "h100-sxm5-80gb", "memory_capacity"),
                   ("h20", "h100-sxm5-80gb", "scaleup_bandwidth")}
    (memory,) = [c for c in data["claims"] if c["metric"] == "memory_capacity"]
    assert (memory["stated"], memory["verdict"]) == (1, "understated")  # 96 GB against 80 GB is not unchanged


def test_a_bullet_with_no_subject_is_about_the_device_set_against_its_baseline(cli):
    data = _read(cli, "The B200 leverages NVIDIA's Blackwell architecture. This enables:\n"
                      "By contrast, the H100's Hopper architecture lacks multi-die scalability.\n"
                      "- 192 GB of HBM3e RAM (vs. H100's 80 GB HBM3), enabling single-GPU processing.\n"
                      "- 8 TB/s memory bandwidth (2.4× faster than H100's 3.35 TB/s).\n")
    got = [(c["subject"], c["baseline"], c["metric"], round(c["stated"], 2)) for c in data["claims"]]
    assert got == [("b200-gb200", "h100-sxm5-80gb", "memory_capacity", 2.4),
                   ("b200-gb200", "h100-sxm5-80gb", "memory_bandwidth", 2.4)]


def test_a_value_set_against_a_list_of_baselines_each_with_its_own(cli):
    data = _claims(cli, "Capacity is a defining feature, with each MI300X providing 192 GB—surpassing competitors such as "
                        "NVIDIA H100 (80 GB), H200 (141 GB), and B200 (180 GB).")
    got = {(c["baseline"], round(c["stated"], 3), c["verdict"]) for c in data["claims"] if c["stated"] not in (None, 1)}
    # each listed value against the MI300X's, not one listed value against the next; "180 GB" is the HGX B200
    assert got == {("h100-sxm5-80gb", 2.4, "holds"), ("h200-sxm-141gb", 1.362, "holds"), ("b200-hgx", 1.067, "holds")}


def test_a_figure_in_parentheses_after_a_value_a_second_than_and_a_task_frame(cli):
    (claim,) = _claims(cli, "H200: 141GB HBM3e with 4.8TB/s (1.4x H100).")["claims"]
    assert (claim["metric"], claim["stated"]) == ("memory_bandwidth", 1.4)
    data = _claims(cli, "The B200's 192GB HBM3e memory: 2.4x larger than H100 and 2.4x larger than A100 80GB.")
    assert [c["baseline"] for c in data["claims"]] == ["h100-sxm5-80gb", "a100-sxm4-80gb"]
    data = _read(cli, "In GPT-4 Turbo inference tests, B300 sustains 92% memory bandwidth utilization—31% higher than H100.")
    assert not data["claims"] and data["not_spec_claims"]
    data = _read(cli, "H100 delivers 2.5-3x training speedups over A100 — For large transformer model training, the "
                      "H100's higher memory bandwidth translates to throughput improvements.")
    assert not data["claims"]  # the comparative borrows the workload's "over A100"


def test_identical_metrics_after_figures_and_a_bandwidth_before_a_link(cli):
    data = _claims(cli, "The H200 has 76% more memory and 43% more bandwidth than the H100, but identical peak compute "
                        "throughput, identical NVLink speed, and identical power draw.")
    assert [(c["metric"], round(c["stated"], 2)) for c in data["claims"]] == [
        ("memory_capacity", 1.76), ("memory_bandwidth", 1.43), ("compute", 1), ("scaleup_bandwidth", 1), ("power", 1)]
    assert {c["baseline"] for c in data["claims"]} == {"h100-sxm5-80gb"}
    # "an A100 with the same memory" describes a variant, it claims nothing
    data = _read(cli, "The MI250 i'm using has only 64GB of memory but it should still get comparable throughput with an "
                      "A100 with the same memory.")
    assert all(c["metric"] != "memory_capacity" for c in data["claims"])


def test_a_family_a_device_is_based_on_a_new_card_and_a_figure_with_its_hedge_before_the_metric(cli):
    # "像GB200这样基于Blackwell的处理器": Blackwell describes the GB200, it is no side
    (claim,) = _claims(cli, "像GB200这样基于Blackwell的处理器, AI性能达到20 petaflops, 而H100仅为4 petaflops。")["claims"]
    assert claim["baseline"] == "h100-sxm5-80gb" and claim["subject"] != claim["baseline"]
    (claim,) = _claims(cli, "基于霍珀架构的H200 GPU代表了与其小弟H100相比的一代跨越，新卡片现在拥有141GB内存，而H100只有80GB内存。")[
        "claims"]
    assert (claim["subject"], claim["baseline"], claim["metric"]) == ("h200-sxm-141gb", "h100-sxm5-80gb", "memory_capacity")
    (claim,) = _claims(cli, "H200 提供了 141GB 的 HBM3 内存和比 H100 GPU 高出 40% 以上的内存带宽。")["claims"]
    assert (claim["metric"], claim["bound"]) == ("memory_bandwidth", "over")


def test_two_values_set_against_each_other_pick_each_sides_variant(cli):
    # 300W is the A100 PCIe's TDP (the SXM4 draws 400W): the first value is the subject's, checked as such
    data = _claims(cli, "尽管 A100 在多个方面都优于前代产品,但其 TDP 也相应增加到了 300W 左右,相比之下 V100 是 250W。")
    implied = [c for c in data["claims"] if c["stated"] not in (None, 1)]
    assert [(c["subject"], c["stated"], c["verdict"]) for c in implied] == [("a100-pcie-80gb", 1.2, "holds")]


def test_a_chip_comes_before_the_pieces_it_is_made_of(cli):
    # "the second-generation TPU" is the TPU v2 chip, not one of its TensorCores (a piece of the chip, not a
    # system's part like the GB200's B200)
    (claim,) = _claims(cli, "The TPU v7 delivers a peak BF16 performance of 2307 TFlops, a 50-fold increase compared to "
                            "the second-generation TPU.")["claims"]
    assert claim["baseline"] == "tpu-v2"


def test_a_vendor_or_the_text_before_never_sets_a_device_against_itself_nor_an_unknown_baseline_against_the_topic(cli):
    data = _read(cli, "Ironwood features 192 GB of HBM per chip, which is six times more than Trillium.\n"
                      "It is also nearly 30 times more power-efficient than Google's first Cloud TPU from 2018.\n"
                      "Google has also boosted memory for the new TPUs, with each chip sporting 192GB, which is six times "
                      "more than Google's last-gen Trillium TPU. The memory bandwidth has also increased to 7.2 Tbps, a "
                      "4.5x improvement.\n")
    got = [(c["subject"], c["baseline"], c["metric"], c["verdict"] != "not checkable") for c in data["claims"]]
    assert got[0] == ("tpu-v7", "tpu-v6e", "memory_capacity", True)
    assert got[1][3] is False  # "Google's first Cloud TPU" is no device chipdb knows: not the Trillium named before
    assert got[2:] == [("tpu-v7", "tpu-v6e", "memory_capacity", True), ("tpu-v7", "tpu-v6e", "memory_bandwidth", True)]


def test_a_model_of_a_line_chipdb_does_not_know_is_no_device_of_that_line(cli):
    # "昇腾910D" is not the Ascend 910C the bare line name would mean: the claims say so instead of a verdict
    data = _read(cli, "半精度算力达320 TFLOPS,昇腾910D较H100的256 TFLOPS提升25%;功耗仅350W,较H100的700W降低50%。")
    assert data["claims"] and all(c["verdict"] == "not checkable" for c in data["claims"])
    assert all("ascend-910c" not in (c["subject"], c["baseline"]) for c in data["claims"])
    # names run together are still one: "Blackwell B200", "Blackwell Ultra NVL72"
    (claim,) = _claims(cli, "Blackwell Ultra NVL72 has 1.5x the memory of the GB200 NVL72.")["claims"]
    assert claim["subject"] == "gb300-nvl72"


def test_a_clause_after_although_has_its_own_subject(cli):
    data = _claims(cli, "Compared with Huawei's Ascend 910B, which offers 64 GB, the H20 has 50% more memory, although "
                        "the 910B's 320 teraflops of FP16 is more than twice the H20's.")
    assert [(c["subject"], c["baseline"], c["metric"]) for c in data["claims"]] == [
        ("h20", "ascend-910b", "memory_capacity"), ("ascend-910b", "h20", "compute")]


def test_a_predecessor_named_in_apposition_is_the_baseline(cli):
    data = _read(cli, "The AWS Trainium2 is Amazon's 2nd Generation accelerator. When compared to its predecessor, the "
                      "original Trainium, it features two times higher performance per watt, and three times as much memory.")
    assert [(c["subject"], c["baseline"], c["metric"]) for c in data["claims"]] == [
        ("aws-trainium2", "aws-trainium1", "compute_per_watt"), ("aws-trainium2", "aws-trainium1", "memory_capacity")]
    # a name before the comma is no apposition: "compared to the H100, the H200 …" sets the H200 against it
    (claim,) = _claims(cli, "By nearly doubling the VRAM compared to the H100, the H200 allows larger models.")["claims"]
    assert (claim["subject"], claim["baseline"]) == ("h200-sxm-141gb", "h100-sxm5-80gb")


def test_a_figure_right_after_a_value_and_a_cost_after_qie_and_behind_as_a_preposition(cli):
    (claim,) = _claims(cli, "Each GB300 GPU ships with 288GB of HBM3e memory running at 8 terabytes per second — a 60% "
                            "improvement over the H100's.")["claims"]
    assert claim["metric"] == "memory_bandwidth"
    (claim,) = _claims(cli, "141 GB of HBM3e memory at 4.8 TB/s – almost double the memory of the H100.", "--subject",
                       "H200")["claims"]
    assert claim["metric"] == "memory_capacity"  # the figure names its own metric
    (claim,) = _claims(cli, "华为昇腾 910B 的 FP16 算力达 256 TFLOPS,超越 H20 且成本低 20%。")["claims"]
    assert (claim["subject"], claim["baseline"], claim["metric"]) == ("ascend-910b", "h20", "compute")
    data = _claims(cli, "The breakthroughs behind the Instinct MI355X enable it to deliver nearly double the compute "
                        "throughput of the MI300X.")
    assert {c["subject"] for c in data["claims"]} == {"amd-mi355x"}  # "behind" here marks no baseline


def test_a_total_after_the_figure_is_the_subjects_and_a_metric_behind_ji_suan(cli):
    data = _read(cli, "The AWS Trainium2 is Amazon's 2nd Generation accelerator. When compared to its predecessor, the "
                      "original Trainium, it features three times as much memory – for a total of 96GB of HBM.")
    (claim,) = data["claims"]
    assert (claim["subject"], claim["baseline"], claim["verdict"]) == ("aws-trainium2", "aws-trainium1", "holds")
    data = _claims(cli, "MI350X预计将提供比B200多50%的内存和多20%的计算TFLOPs。")
    assert [c["metric"] for c in data["claims"]] == ["memory_capacity", "compute"]


def test_double_as_a_precision_and_gflops(cli):
    # "490 double" is 490 GFLOPS of double precision, no ratio; GFLOPS is compute
    data = _read(cli, "L4 = 30,300 GFLOPS single (float), or 490 double. H100 = 51,200 GFLOPS single (float), or 25,600 "
                      "double.")
    assert all(c["stated"] != 2 for c in data["claims"])
    # 51,200 GFLOPS of FP32 is the H100 PCIe's (the SXM5 has 67 TFLOPS): the stated value picks the variant
    assert [(c["subject"], c["baseline"], c["metric"]) for c in data["claims"]] == [("l4", "h100-pcie-80gb", "compute")]
    (claim,) = _claims(cli, "The B200 connects via NVLink at 1.8TB/s per GPU, double the H100's NVLink bandwidth.")["claims"]
    assert claim["stated"] == 2


def test_two_values_one_name_owns_set_against_the_device_named_before(cli):
    data = _claims(cli, "This will assign the same peak FLOPS to MI250 and MI250X, but MI250X actually has higher FLOPS "
                        "(383 vs. 362 TFLOPS).")
    implied = [c for c in data["claims"] if c["stated"] not in (None, 1)]
    assert [(c["subject"], c["baseline"], c["verdict"]) for c in implied] == [("amd-mi250x", "amd-mi250", "holds")]


def test_a_word_ending_in_a_marker_is_no_marker(cli):
    # "因为A100…": 为 ends 因为 ("because"), it marks no baseline
    (claim,) = _claims(cli, "因为A100带宽是A10两倍？")["claims"]
    assert (claim["subject"], claim["baseline"], claim["metric"]) == ("a100-sxm4-80gb", "a10", "memory_bandwidth")


def test_a_stated_value_that_is_the_named_bandwidth_keeps_it(cli):
    # the 4000 GB/s is the H20's memory bandwidth, but the 900 GB/s is the NVLink figure the words name
    data = _claims(cli, "H20 offers higher memory bandwidth (4000 GB/s), and over 2× NVLink bandwidth (900 GB/s) compared "
                        "to H800.")
    assert [(c["metric"], c["stated"]) for c in data["claims"]] == [("scaleup_bandwidth", 2)]


def test_two_changes_at_once(cli):
    data = _claims(cli, "The memory went from 80GB HBM3 at 3.35 TB/s to 141GB HBM3e at 4.80 TB/s.", "--subject", "H200",
                   "--baseline", "H100")
    assert [(c["metric"], round(c["stated"], 3), c["verdict"]) for c in data["claims"]] == [
        ("memory_capacity", 1.762, "holds"), ("memory_bandwidth", 1.433, "holds")]


def test_a_size_in_a_variants_name_and_a_list_of_metrics_after_a_budget(cli):
    data = _read(cli, "The test used the H100 SXM 80GB variant which is a higher performance version than H100 PCIE variant "
                      "your test used. The SXM variant has a significantly higher power budget, memory bandwidth and cuda "
                      "core count.", "--subject", "H100 SXM", "--baseline", "H100 PCIe")
    assert [c["metric"] for c in data["claims"]] == ["power", "memory_bandwidth"]  # not the name's 80GB as a memory claim


def test_comparisons_written_as_symbols(cli):
    # "A100 80G ≥ 910B(64G 级) > L20 48G": each symbol sets the names beside it
    data = _claims(cli, "显存容量排序:A100 80G ≥ 910B(64G 级) > L20 48G")
    assert [(c["subject"], c["baseline"], c["metric"], c["verdict"]) for c in data["claims"]] == [
        ("a100-sxm4-80gb", "ascend-910b", "memory_capacity", "holds"), ("ascend-910b", "l20", "memory_capacity", "holds")]
    data = _claims(cli, "Memory capacity: H200 > H100 > A100 40GB.")
    assert [(c["subject"], c["baseline"]) for c in data["claims"]] == [("h200-sxm-141gb", "h100-sxm5-80gb"),
                                                                       ("h100-sxm5-80gb", "a100-sxm4-40gb")]


def test_a_possessive_lines_value_and_a_comparative_that_borrows_a_workloads_baseline(cli):
    (claim,) = _claims(cli, "Blackwell's dual-die design achieves 208 billion transistors - a 2.6x increase over Hopper's "
                            "80 billion.")["claims"]
    assert (claim["metric"], claim["verdict"]) == ("transistors", "holds")  # "Hopper's 80" is no unknown model
    data = _read(cli, "More capacity and more bandwidth make it a better fit for inference, where the KV cache rather than "
                      "the math units is the bottleneck, and NVIDIA states the H200 delivers nearly double the inference "
                      "performance of the H100.")
    assert not data["claims"] and data["not_spec_claims"]


def test_fractions_are_made_of_a_numerator_and_a_denominator(cli):
    data = _claims(cli, "The H20's FP16 compute is roughly one-seventh of the H100's, and its memory bandwidth "
                        "three fifths that of the B200.")
    got = [(c["subject"], c["baseline"], c["metric"], round(c["stated"], 4)) for c in data["claims"]]
    assert got == [("h20", "h100-sxm5-80gb", "compute", 0.1429), ("h20", "b200-gb200", "memory_bandwidth", 0.6)]
    assert data["claims"][0]["verdict"] == "holds"  # 148 / 989 = 0.150, within a round one-seventh
    (claim,) = _claims(cli, "Ascend 910B's memory bandwidth is only about half that of the H100.")["claims"]
    assert (claim["subject"], claim["baseline"], claim["stated"]) == ("ascend-910b", "h100-sxm5-80gb", 0.5)


def test_a_list_of_precisions_or_of_subjects_gives_a_claim_to_each(cli):
    data = _claims(cli, "The H20 and L20 have compute specifications (FP16, INT8) of roughly half the A100's.")
    got = sorted((c["subject"], c["baseline"], c["qualifier_values"]["precision"]) for c in data["claims"])
    assert got == [("h20", "a100-sxm4-80gb", "fp16"), ("h20", "a100-sxm4-80gb", "int8"),
                   ("l20", "a100-sxm4-80gb", "fp16"), ("l20", "a100-sxm4-80gb", "int8")]
    # a list that holds the baseline compares its members
    data = _claims(cli, "The H100 and H200 both draw 700W.")
    assert [(c["subject"], c["baseline"]) for c in data["claims"]] == [("h100-sxm5-80gb", "h200-sxm-141gb")]


def test_values_against_each_other_across_a_turn_and_a_verb_that_beats(cli):
    data = _claims(cli, "The MI300X has 192GB of HBM3 while the H100 has 80GB.")
    assert [(c["subject"], c["baseline"], c["stated"]) for c in data["claims"]] == [
        ("amd-mi300x", "h100-sxm5-80gb", 2.4)]  # (the 192GB was the H100's: "of HBM3 while the H100")
    data = _claims(cli, "The MI300X outguns the H100 with 192GB of memory against 80GB.")
    assert [(c["subject"], c["baseline"], c["verdict"]) for c in data["claims"]] == [
        ("amd-mi300x", "h100-sxm5-80gb", "holds")]


def test_a_value_before_a_name_is_no_count_and_values_orient_an_unordered_figure(cli):
    (claim,) = _claims(cli, "At 1,000W, the B200 draws roughly 40% more power than the 700W H100.")["claims"]
    assert (claim["subject"], claim["baseline"], claim["metric"], claim["stated"]) == (
        "b200-hgx", "h100-sxm5-80gb", "power", 1.4)
    (claim,) = _claims(cli, "H100 SXM memory bandwidth is 3.35TB/s versus 2TB/s for the A100 80GB, a 68% increase.")["claims"]
    assert (claim["subject"], claim["baseline"], claim["stated"]) == ("h100-sxm5-80gb", "a100-sxm4-80gb", 1.68)


def test_a_scale_word_alone_counts_the_noun_the_sentence_names_once(cli):
    for text in ("英伟达H100的晶体管数量为800亿个，A100为542亿个。",
                 "The H100 has 80 billion transistors and the A100 has 54.2 billion."):
        (claim,) = _claims(cli, text)["claims"]
        assert (claim["subject"], claim["baseline"], claim["metric"], round(claim["stated"], 3)) == (
            "h100-sxm5-80gb", "a100-sxm4-80gb", "transistors", 1.476)
    # without the noun a bare "billion" is no amount of anything
    data = _read(cli, "The H100 sold 80 billion and the A100 54.2 billion.")
    assert not data["claims"]


def test_efficiency_alone_is_performance_per_watt_but_not_cost_or_scaling(cli):
    data = _claims(cli, "Compared to the TPU v5p, Ironwood's peak FLOPS has increased by about 10 times, with "
                        "efficiency improving by 5.6 times.")
    assert [(c["metric"], c["stated"]) for c in data["claims"]] == [("compute", 10.0), ("compute_per_watt", 5.6)]
    (claim,) = _claims(cli, "与TPU v5p相比,Ironwood的功效比提升5.6倍")["claims"]
    assert claim["metric"] == "compute_per_watt"
    data = _read(cli, "The B200 offers 3x better cost efficiency than the H100.")
    assert not data["claims"] or all(c["verdict"] == "not checkable" for c in data["claims"])


def test_a_bare_faster_takes_the_one_metric_the_sentence_before_gave_both_devices(cli):
    text = ("In FP8, the H20's speed is 296 trillion floating-point operations per second, while the H200 is at "
            "3958 tflops. The H200 is the world's most powerful AI chip, 13 times faster than the H20.")
    data = _read(cli, text)
    got = [(c["subject"], c["baseline"], c["metric"], round(c["stated"], 3)) for c in data["claims"]]
    assert ("h200-sxm-141gb", "h20", "compute", 13.0) in got and ("h20", "h200-sxm-141gb", "compute", 0.075) in got
    # with no values before, a bare "faster" compares no specification
    data = _read(cli, "The H200 is the world's most powerful AI chip, 13 times faster than the H20.")
    assert not data["claims"] and data["not_spec_claims"]
    (claim,) = _claims(cli, "B300的FP4稠密算力达到每秒1.5亿亿次，比B200提升50%。")["claims"]
    assert (claim["subject"], claim["metric"], claim["stated"]) == ("b300-gb300", "compute", 1.5)  # 15 PFLOPS: the GB300's


def test_two_values_after_the_name_the_words_make_the_baseline(cli):
    (claim,) = _claims(cli, "H20's FP8 throughput is a fraction of the H100's: 296 TFLOPS against 1,979.")["claims"]
    assert (claim["subject"], claim["baseline"], round(claim["stated"], 3)) == ("h20", "h100-sxm5-80gb", 0.15)


def test_chinese_tenths(cli):
    (claim,) = _claims(cli, "A800的NVLink带宽不及A100的七成。")["claims"]
    assert (claim["subject"], claim["baseline"], claim["stated"], claim["bound"]) == (
        "a800-sxm4-80gb", "a100-sxm4-80gb", 0.7, "under")
    (claim,) = _claims(cli, "從顯存頻寬看，H200比H100提升了4成。")["claims"]
    assert (claim["metric"], claim["stated"]) == ("memory_bandwidth", 1.4)
    data = _read(cli, "H20的成本只有H100的一半，八成是为了出口。")  # 八成 "probably", 成本 "cost": no tenths
    assert all(c["stated"] != 0.8 for c in data["claims"])


def test_a_stated_value_matches_within_what_its_printing_rounds_away(cli):
    (claim,) = _claims(cli, "The A100's 1.6 TB/s is roughly 1.7 times the V100's 900 GB/s.")["claims"]
    assert (claim["subject"], claim["verdict"]) == ("a100-sxm4-40gb", "holds")  # 1,555 GB/s printed as 1.6 TB/s


def test_the_same_power_as_a_condition_is_no_claim(cli):
    data = _read(cli, "B200 offers 15x the inference performance of H100 at the same power.")
    assert all(c["verdict"] == "not checkable" for c in data["claims"]) and data["not_spec_claims"]
    (claim,) = _claims(cli, "The H100 and H200 have the same power.")["claims"]
    assert (claim["metric"], claim["stated"]) == ("power", 1.0)
    data = _claims(cli, "The H200 raises memory bandwidth by 43% over the H100 at the same power.")
    assert [(c["metric"], c["stated"]) for c in data["claims"]] == [("memory_bandwidth", 1.43), ("power", 1.0)]


def test_efficient_alone_is_performance_per_watt(cli):
    data = _claims(cli, "The CloudMatrix 384 consumes 559 kW compared with 145 kW for the GB200 NVL72, making it "
                        "3.9 times less efficient.")
    assert [(c["metric"], round(c["stated"], 3)) for c in data["claims"]] == [("compute_per_watt", 0.256)]


def test_n_x_the_device_is_a_ratio_not_a_count(cli):
    for text in ("Ironwood delivers 4,614 TFLOPS, 10x the TPU v5p.",
                 "Each Ironwood chip delivers 4,614 TFLOPs of peak compute, more than 10x the TPU v5p."):
        (claim,) = _claims(cli, text)["claims"]
        assert (claim["subject"], claim["baseline"], claim["stated"]) == ("tpu-v7", "tpu-v5p", 10.0)


def test_a_name_in_brackets_after_a_value_owns_it(cli):
    (claim,) = _claims(cli, "Memory bandwidth: 4.8 TB/s (H200) vs 3.35 TB/s (H100).")["claims"]
    assert (claim["subject"], claim["baseline"], claim["metric"]) == ("h200-sxm-141gb", "h100-sxm5-80gb", "memory_bandwidth")
    (claim,) = _claims(cli, "Ironwood is 2x as power efficient as Trillium.")["claims"]
    assert claim["metric"] == "compute_per_watt"


def test_zeng_fu_states_the_increase(cli):
    (claim,) = _claims(cli, "相比H100，B200的显存带宽提高到了8TB/s，增幅达139%。")["claims"]
    assert (claim["subject"], claim["baseline"], claim["stated"]) == ("b200-gb200", "h100-sxm5-80gb", 2.39)


def test_a_list_of_names_before_a_list_of_figures_gives_each_its_own(cli):
    for text in ("The H200 and B200 have 1.4x and 2.4x the memory bandwidth of the H100, respectively.",
                 "Compared with the H100, the H200 and B200 offer 43% and 139% more bandwidth.",
                 "H200和B200的显存带宽分别是H100的1.4倍和2.4倍。"):
        data = _claims(cli, text)
        assert [(c["subject"], round(c["stated"], 2)) for c in data["claims"]] == [
            ("h200-sxm-141gb", 1.4 if "1.4" in text else 1.43), ("b200-gb200", 2.4 if "2.4" in text else 2.39)], text


def test_trademark_signs_are_no_part_of_a_name(cli):
    (claim,) = _claims(cli, "The Intel® Gaudi® 3 AI accelerator delivers 2x the BF16 compute of Intel® Gaudi® 2.")["claims"]
    assert (claim["subject"], claim["baseline"]) == ("intel-gaudi3-hl325l", "intel-gaudi2")
    (claim,) = _claims(cli, "AMD Instinct™ MI300X accelerators offer 2.4x the memory of NVIDIA H100™ GPUs.")["claims"]
    assert (claim["subject"], claim["baseline"]) == ("amd-mi300x", "h100-sxm5-80gb")
    assert "™" in claim["text"]  # the words as written


def test_a_leading_while_clause_sets_its_value_against_the_main_clauses(cli):
    (claim,) = _claims(cli, "While the H100 offers 3.35 TB/s, the MI300X reaches 5.3 TB/s.")["claims"]
    assert (claim["subject"], claim["baseline"]) == ("amd-mi300x", "h100-sxm5-80gb")
    (claim,) = _claims(cli, "The H100 boasts 80 GB of HBM3, while AMD's MI300X boasts 192 GB.")["claims"]
    assert (claim["subject"], claim["baseline"]) == ("h100-sxm5-80gb", "amd-mi300x")  # reading order


def test_two_clauses_in_parallel_across_a_semicolon(cli):
    (claim,) = _claims(cli, "The MI300X has 304 compute units and 192GB of memory; the H100 has 132 SMs and 80GB.")["claims"]
    assert (claim["subject"], claim["baseline"], claim["metric"], claim["stated"]) == (
        "amd-mi300x", "h100-sxm5-80gb", "memory_capacity", 2.4)


def test_a_model_number_is_no_ratio_and_a_hedged_value_grown_from(cli):
    data = _read(cli, "AMD Challenges Vera Rubin: Instinct MI455X and MI430X Promise FP4/FP8 Parity, Same Bandwidth… "
                      "and Double HBM4 Memory")
    assert all(c["stated"] != 430 for c in data["claims"])  # "MI430X" is a model, not 430 times
    data = _read(cli, "- Capacity: 432GB (up from 288GB HBM3e)\n- Bandwidth: ~20TB/s (up from ~8TB/s)", "--subject",
                 "MI455X", "--baseline", "MI355X")
    assert {(c["metric"], round(c["stated"], 2)) for c in data["claims"]} >= {("memory_capacity", 1.5),
                                                                             ("memory_bandwidth", 2.5)}


def test_a_list_of_baselines_gives_a_claim_against_each(cli):
    data = _claims(cli, "The MI455X's memory capacity exceeds the H200 and the B200 by ~50%.")
    assert sorted((c["baseline"], c["stated"]) for c in data["claims"]) == [("b200-gb200", 1.5),
                                                                            ("h200-sxm-141gb", 1.5)]


def test_dgx_names_the_hgx_part_and_mi450_the_mi455x(cli):
    (claim,) = _claims(cli, "NVIDIA claims a 1.5x improvement in dense FP4 for the B300 over the DGX B200.")["claims"]
    assert claim["baseline"] == "b200-hgx"
    (claim,) = _claims(cli, "AMD's MI450 has 1.5 times the memory of Nvidia's Rubin.")["claims"]
    assert (claim["subject"], claim["baseline"]) == ("amd-mi455x", "rubin")


def test_a_headline_of_parity_same_and_double_after_a_rival(cli):
    data = _claims(cli, "AMD Challenges Vera Rubin: Instinct MI455X and MI430X Promise FP4/FP8 Parity, Same Bandwidth… "
                        "and Double HBM4 Memory")
    got = {(c["subject"], c["baseline"], c["metric"], c["stated"]) for c in data["claims"]}
    assert got >= {("amd-mi455x", "rubin", "compute", 1.0), ("amd-mi455x", "rubin", "memory_bandwidth", 1.0),
                   ("amd-mi455x", "rubin", "memory_capacity", 2.0)}
    # "with the same memory" is a condition, no claim of equal memory
    data = _read(cli, "The MI250 has 64GB of memory but should get comparable throughput with an A100 with the same memory.")
    assert all(c["verdict"] == "not checkable" for c in data["claims"])


def test_figures_listed_after_a_figure_and_words_that_hold_a_marker(cli):
    data = _claims(cli, "大會同期發布的第三代芯片Trainium3實現性能躍升,其計算性能、能效比和內存帶寬較前代分別提升440%、400%和380%。")
    assert [(c["subject"], c["baseline"], c["metric"], c["stated"]) for c in data["claims"]] == [
        ("aws-trainium3", "aws-trainium2", "compute", 5.4), ("aws-trainium3", "aws-trainium2", "compute_per_watt", 5.0),
        ("aws-trainium3", "aws-trainium2", "memory_bandwidth", 4.8)]  # (同期 marks no baseline)


def test_chinese_lists_of_metrics_share_a_figure(cli):
    data = _claims(cli, "对比NVIDIA Vera Rubin,MI455X的内存带宽、机柜带宽、FP4/FP8算力保持一致,内存容量和集群带宽均领先50%。")
    got = {(c["metric"], c["stated"]) for c in data["claims"]}
    assert got == {("compute", 1.0), ("scaleup_bandwidth", 1.0), ("memory_bandwidth", 1.0), ("scaleout_bandwidth", 1.5),
                   ("memory_capacity", 1.5)}


def test_values_the_text_stated_before_orient_a_figure_about_both(cli):
    text = ("The Rubin GPU packs 336 billion transistors per chip. For context, Blackwell — which felt revolutionary "
            "when it launched — had 208 billion. That is a 61% increase in transistor density in a single generation.")
    (claim,) = _read(cli, text)["claims"]
    assert (claim["subject"], claim["baseline"], claim["metric"], claim["stated"]) == (
        "rubin", "b200-gb200", "transistors", 1.61)


def test_a_name_that_is_the_given_baseline_leaves_the_subject_to_the_option(cli):
    (claim,) = _claims(cli, "H100 升级版,显存容量提升 76%", "--subject", "H200", "--baseline", "H100")["claims"]
    assert (claim["subject"], claim["baseline"], claim["stated"]) == ("h200-sxm-141gb", "h100-sxm5-80gb", 1.76)


def test_vs_between_a_model_number_and_a_name_is_no_count_and_a_value_grown_to_is_the_subjects(cli):
    data = _claims(cli, "Gaudi 3 vs H100: 1.5x memory bandwidth, 1.6x memory capacity.")
    assert [(c["subject"], c["baseline"], c["metric"]) for c in data["claims"]] == [
        ("intel-gaudi3-hl325l", "h100-sxm5-80gb", "memory_bandwidth"), ("intel-gaudi3-hl325l", "h100-sxm5-80gb", "memory_capacity")]
    (claim,) = _claims(cli, "The B200 GPU doubles H100's FP8 performance to 4.5 petaflops.")["claims"]
    assert claim["subject"] == "b200-hgx"  # 4.5 PFLOPS dense FP8 is the HGX B200's, not the H100's


def test_a_names_values_elsewhere_in_the_text_pick_its_variant(cli):
    text = "B200的FP16性能是H100的两倍以上!代价是功耗也上去了——B200的TDP高达1000W,而B100是700W。"
    claims = _read(cli, text)["claims"]
    assert claims[0]["subject"] == "b200-hgx" and any("1000w" in n.lower() for n in claims[0]["notes"])


def test_a_figure_two_metrics_values_fit_differently_is_read_as_either(cli):
    text = ("The H200 features 141GB of HBM3e memory with a bandwidth of 4.8TB/s, nearly double that of its "
            "predecessor, the H100, which has 80GB of HBM3 and 3.35TB/s bandwidth.")
    data = _claims(cli, text)
    got = {(c["metric"], c["stated"], c["verdict"]) for c in data["claims"] if c["stated"] == 2.0}
    assert ("memory_capacity", 2.0, "holds") in got and ("memory_bandwidth", 2.0, "overstated") in got
    # a value after a word's digit and a comma is a value ("HBM3,3.35TB/s"), not the rest of "1,000"
    data = _claims(cli, "其核心亮點在於記憶體配置:配備141GB HBM3e高速記憶體,頻寬高達4.8TB/s,幾乎是H100(80GB HBM3,3.35TB/s)的兩倍。",
                   "--subject", "H200")
    assert {c["metric"] for c in data["claims"] if c["stated"] == 2.0} == {"memory_capacity", "memory_bandwidth"}


def test_a_value_that_stays_what_it_was_is_an_equality(cli):
    data = _claims(cli, "性能方面,NVFP4 dense稠密性能大幅提升了50%而来到15PFlops,不过sparse稀疏性能还是20PFlops。",
                   "--subject", "b300-gb300", "--baseline", "b200-gb200")
    assert [(c["stated"], c["qualifier_values"]["sparsity"], c["verdict"]) for c in data["claims"]] == [
        (1.5, "dense", "holds"), (1.0, "sparse", "holds")]
    (claim,) = _claims(cli, "Memory bandwidth is unchanged at 8 TB/s.", "--subject", "b300-gb300", "--baseline",
                       "b200-gb200")["claims"]
    assert (claim["metric"], claim["stated"]) == ("memory_bandwidth", 1.0)


def test_model_names_written_apart_and_other_corpus_17_readings(cli):
    (claim,) = _claims(cli, "The MI 300X has 2.4 times the memory of the H100.")["claims"]
    assert claim["subject"] == "amd-mi300x"
    data = _read(cli, "For similarly sized systems, TPU v4 uses 1.3x–1.9x less power than the Nvidia A100.")
    assert all(c["verdict"] == "not checkable" for c in data["claims"])  # a range of power ratios is measured
    (claim,) = _claims(cli, "与前一代Trillium相比,Ironwood在功率效率上提高了2倍。")["claims"]
    assert claim["metric"] == "compute_per_watt"
    (claim,) = _claims(cli, "The A800 has a chip-to-chip data transfer rate of 400 GB/s, as opposed to the 600 GB/s on "
                            "the A100.")["claims"]
    assert (claim["subject"], claim["baseline"], claim["metric"]) == ("a800-sxm4-80gb", "a100-sxm4-80gb", "scaleup_bandwidth")


def test_a_line_name_yields_to_the_device_an_option_names(cli):
    (claim,) = _claims(cli, "NVIDIA says that the HBM3e version of the Hopper GPU offers a 50% bandwidth improvement.",
                       "--subject", "GH200 144GB", "--baseline", "GH200 96GB")["claims"]
    assert (claim["subject"], claim["baseline"], claim["stated"]) == ("gh200-144gb", "gh200-96gb", 1.5)


def test_its_half_is_the_baseline_named_before(cli):
    data = _claims(cli, "相比英伟达A100，昇腾910B的算力高出约20%，但显存带宽只有其一半左右。")
    assert [(c["metric"], c["stated"]) for c in data["claims"]] == [("compute", 1.2), ("memory_bandwidth", 0.5)]


def test_a_system_set_against_one_chip_says_so(cli):
    (claim,) = _claims(cli, "GB300 NVL72的FP4算力是B200的70倍。")["claims"]
    assert any("compares a system (GB300 NVL72) with one accelerator" in n for n in claim["notes"])
    (claim,) = _claims(cli, "The H200 has 1.76x the memory of the H100.")["claims"]
    assert not any("compares a system" in n for n in claim["notes"])
